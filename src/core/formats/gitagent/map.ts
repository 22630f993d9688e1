import {
  addNote,
  cite,
  lastSegment,
  newProfile,
  parseYamlDocument,
  problem,
  pushUnique,
  readWith,
  rejected,
  splitPath,
  type FormatResult,
  type ManifestFile,
  type Problem,
} from '../../manifest/kit.js'
import type { Context } from './context.js'
import { readSubAgents } from './map-agents.js'
import {
  readA2a,
  readCompliance,
  readHooks,
  readModel,
  readProvenance,
} from './map-runtime.js'
import { readMcpServers, readSkills, readTools } from './map-tools.js'
import { Agent, AgentMarkers, FORMAT_ID } from './schema.js'

export function mapAgent(file: ManifestFile): FormatResult {
  const read = readWith(file, 'yaml', Agent)
  if (!read.ok) return read.result
  const { doc } = read
  const root = read.data
  const { dir } = splitPath(file.path)
  const soul = file.readSibling(`${dir}SOUL.md`)
  if (!root || !isGitagent(root, soul !== undefined))
    return rejected(
      'no gitagent markers (spec_version and name, or a SOUL.md beside it): not a gitagent manifest',
    )
  const problems: Problem[] = [...read.problems]
  const name = root.name ?? lastSegment(dir) ?? 'agent'
  if (root.description === undefined)
    problems.push(
      problem(
        file.path,
        doc.lineOf(['name']),
        'gitagent requires a description',
        { field: 'description', level: 'warning' },
      ),
    )
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: file.path,
    line: doc.lineOf([]) ?? 1,
  })
  const ctx: Context = { file, doc, dir, problems, profile }
  readAgentFields(ctx, root)
  readInstructions(ctx, soul)
  linkToRoot(ctx)
  return { agents: [profile], problems, document: doc }
}

export function isGitagent(root: AgentMarkers, hasSoul: boolean): boolean {
  const named = root.name !== undefined
  if (root.spec_version !== undefined && named) return true
  return hasSoul && named && (root.versionStated || root.descriptionStated)
}

/** The fields an agent.yaml and a lightweight sub-agent share. */
function readAgentFields(ctx: Context, root: Agent): void {
  const { profile, doc } = ctx
  cite(profile, 'name', doc.lineOf(['name']))
  if (root.description) profile.description = root.description.trim()
  readModel(ctx, root)
  readTools(ctx, root)
  readMcpServers(ctx, root)
  readSkills(ctx, root)
  readSubAgents(ctx, root)
  readA2a(ctx, root)
  readRuntime(ctx, root)
  readCompliance(ctx, root.compliance)
  readHooks(ctx)
  readMemory(ctx)
  readProvenance(ctx, root)
}

function readRuntime(ctx: Context, root: Agent): void {
  const turns = root.runtime?.max_turns
  if (turns !== undefined) {
    ctx.profile.autonomy.maxIterations = turns
    cite(ctx.profile, 'autonomy', ctx.doc.lineOf(['runtime', 'max_turns']))
  }
}

function readMemory(ctx: Context): void {
  const { profile, file, dir } = ctx
  if (file.readSibling(`${dir}memory/MEMORY.md`) === undefined) return
  profile.memory.kind = 'persistent'
  pushUnique(profile.memory.stores, 'memory/MEMORY.md')
}

/** agents/<name>/agent.yaml belongs to the agent two directories up. */
function linkToRoot(ctx: Context): void {
  const match = /^(.*\/)?agents\/[^/]+\/$/.exec(ctx.dir)
  if (!match) return
  const rootDir = match[1] ?? ''
  const text =
    ctx.file.readSibling(`${rootDir}agent.yaml`) ??
    ctx.file.readSibling(`${rootDir}agent.yml`)
  if (text === undefined) return
  try {
    const parent = AgentMarkers.parse(
      parseYamlDocument(text, `${rootDir}agent.yaml`).value,
    )
    const name = parent?.name
    if (name && name !== ctx.profile.name) ctx.profile.parent = name
  } catch {
    // The parent's own parse reports its problems.
  }
}

/** SOUL.md and RULES.md beside the manifest are its instructions. */
function readInstructions(ctx: Context, soul: string | undefined): void {
  const { profile, file, dir } = ctx
  const rules = file.readSibling(`${dir}RULES.md`)
  const parts = [soul, rules].filter(
    (text): text is string => text !== undefined && text.trim() !== '',
  )
  if (parts.length > 0) profile.instructions = parts.join('\n\n')
  else
    addNote(
      profile,
      'no SOUL.md or RULES.md beside the manifest: its identity and rules are not in the repository here',
    )
  if (rules !== undefined)
    addNote(
      profile,
      'RULES.md constraints are instructions to the model, not enforced limits',
    )
}
