import {
  addNote,
  checkWith,
  cite,
  fileStem,
  newProfile,
  parseYamlDocument,
  problemFrom,
  rejected,
  splitFrontMatter,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import type { Context } from './context.js'
import { isGitagent } from './map.js'
import { readModel } from './map-runtime.js'
import { readTools } from './map-tools.js'
import { Agent, AgentMarkers, FORMAT_ID } from './schema.js'

/** A lightweight sub-agent, `agents/<name>.md`, of the agent.yaml above. */
export function mapLightSubAgent(file: ManifestFile): FormatResult {
  const match = /^(.*\/)?agents\/[^/]+\.md$/i.exec(file.path)
  const rootDir = match?.[1] ?? ''
  const parentName = parentOf(file, rootDir)
  if (parentName === undefined)
    return rejected('agents/*.md without a gitagent agent.yaml above it')
  let front
  try {
    front = splitFrontMatter(file.text, file.path)
  } catch (error) {
    return { agents: [], problems: [problemFrom(error, file.path)] }
  }
  if (!front) return rejected('no YAML front matter: not a gitagent sub-agent')
  const read = checkWith(file.path, front.document, Agent)
  if (!read.ok) return read.result
  const data = read.data
  if (!data) return rejected('no YAML front matter: not a gitagent sub-agent')
  // Tools and skills named here are the root agent's files.
  const dir = rootDir
  const name = data.name ?? fileStem(file.path, /\.md$/i)
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: file.path,
    line: front.document.lineOf([]) ?? 2,
  })
  profile.parent = parentName
  const ctx: Context = {
    file,
    doc: front.document,
    dir,
    problems: [...read.problems],
    profile,
  }
  cite(profile, 'name', front.document.lineOf(['name']))
  if (data.description) profile.description = data.description.trim()
  readModel(ctx, data)
  if (data.tools.stated) readTools(ctx, data)
  else
    addNote(
      profile,
      'a lightweight sub-agent: it runs with the tools of the agent that loads it',
    )
  if (front.body.trim() !== '') {
    const blank = /^(?:[ \t]*\r?\n)*/.exec(front.body)?.[0] ?? ''
    profile.instructions = front.body.trim()
    cite(
      profile,
      'instructions',
      front.bodyLine + (blank.match(/\n/g)?.length ?? 0),
    )
  }
  return { agents: [profile], problems: ctx.problems, document: front.document }
}

/** The name of the gitagent agent.yaml in `rootDir`, if there is one. */
function parentOf(file: ManifestFile, rootDir: string): string | undefined {
  const rootText =
    file.readSibling(`${rootDir}agent.yaml`) ??
    file.readSibling(`${rootDir}agent.yml`)
  if (rootText === undefined) return undefined
  try {
    const parent = AgentMarkers.parse(
      parseYamlDocument(rootText, `${rootDir}agent.yaml`).value,
    )
    if (
      parent &&
      isGitagent(parent, file.readSibling(`${rootDir}SOUL.md`) !== undefined)
    )
      return parent.name
  } catch {
    return undefined
  }
  return undefined
}
