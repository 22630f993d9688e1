import {
  addNote,
  addTool,
  cite,
  newProfile,
  parseJsonDocument,
  problem,
  rejected,
  splitPath,
  type FormatResult,
  type ManifestFile,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import { resolveRelative } from './map-actions.js'
import { readPlugin } from './map-plugin.js'
import { AppManifest, FORMAT_ID, Manifest } from './schema.js'

/**
 * An API plugin is read through the declarative agent that lists it among
 * its actions. One that no agent of its folder references is profiled on
 * its own, as the surface it offers to whatever agent loads it.
 */
export function mapPlugin(
  file: ManifestFile,
  read: Reading<unknown>,
  root: Manifest,
): FormatResult {
  const owner = referencingAgent(file)
  if (owner) {
    return rejected(
      `API plugin of the declarative agent ${owner}; it is read with that agent`,
    )
  }
  const name =
    root.name_for_human ?? root.namespace ?? splitPath(file.path).name
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name_for_human']) ?? read.lineOf(['namespace']) ?? 1,
  })
  cite(profile, 'name', profile.source.line)
  profile.description = root.description_for_human ?? root.description_for_model
  addNote(
    profile,
    'an API plugin that no declarative agent of its folder references: profiled as the surface it gives whichever agent loads it',
  )
  profile.triggers.push('chat')
  profile.exposure.channels.push('microsoft-365-copilot')
  profile.exposure.reach = 'internal'
  const reading = readPlugin(
    root,
    (index) =>
      index === undefined
        ? read.lineOf(['runtimes'])
        : read.lineOf(['functions', index]),
    file.path,
  )
  const functionsLine = read.lineOf(['functions'])
  for (const tool of reading.tools) addTool(profile, tool)
  cite(profile, 'tools', functionsLine)
  for (const note of reading.notes) addNote(profile, note)
  profile.identity.credentials.push(...reading.credentials)
  if (reading.oauth) profile.identity.kind = 'delegated'
  if (reading.allConfirmed) profile.controls.humanApproval = true
  const problems: Problem[] = [...read.problems]
  if (reading.tools.length === 0) {
    problems.push(
      problem(
        file.path,
        functionsLine ?? 1,
        'the API plugin declares no functions',
        {
          level: 'warning',
        },
      ),
    )
  }
  return { agents: [profile], problems, document: read.doc }
}

/** The JSON value of a sibling file, or undefined when absent or unreadable. */
function siblingValue(file: ManifestFile, path: string): unknown {
  const text = file.readSibling(path)
  if (text === undefined) return undefined
  try {
    return parseJsonDocument(text, path).value
  } catch {
    // An unreadable file only means no agent is found through it.
    return undefined
  }
}

/** The declarative agent of the same folder that lists this plugin among its actions. */
function referencingAgent(file: ManifestFile): string | undefined {
  const { dir, name } = splitPath(file.path)
  const candidates = new Set<string>([`${dir}declarativeAgent.json`])
  const app = AppManifest.parse(siblingValue(file, `${dir}manifest.json`))
  for (const entry of app?.copilotAgents?.declarativeAgents ?? []) {
    const path = entry?.file ? resolveRelative(dir, entry.file) : undefined
    if (path) candidates.add(path)
  }
  for (const candidate of candidates) {
    const agent = Manifest.parse(siblingValue(file, candidate))
    const { dir: agentDir } = splitPath(candidate)
    const listed = (agent?.actions ?? []).some(
      (action) =>
        action?.file !== undefined &&
        resolveRelative(agentDir, action.file) === `${dir}${name}`,
    )
    if (listed) return candidate
  }
  return undefined
}
