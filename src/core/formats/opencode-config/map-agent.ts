import {
  addNote,
  approvalOf,
  cite,
  harnessModel,
  isReadOnlyTool,
  joinPath,
  newProfile,
  problem,
  settleApproval,
  SIDE_EFFECT_KINDS,
  splitPath,
  type AgentProfile,
  type DataPath,
  type ManifestFile,
  type ParsedDocument,
  type Problem,
} from '../../manifest/kit.js'
import { buildTools, readPermissions, rulesFor } from './map-permissions.js'
import type { Permissions } from './map-permissions.js'
import type { Server } from './map-servers.js'
import { addServers } from './map-servers.js'
import type { Agent, Rule } from './schema.js'

export const FORMAT_ID = 'opencode-config'
export const DEFAULT_AGENT = 'build'

/** Global settings every agent of a project starts from. */
export interface Base {
  readonly permission: Permissions
  readonly permissionLine?: number | undefined
  readonly tools: ReadonlyMap<string, boolean>
  readonly mcp: readonly Server[]
  readonly model?: string | undefined
  readonly modelLine?: number | undefined
  /** The project config it comes from, when not the agent's own file. */
  readonly source?: string | undefined
}

/** An agent with what linking needs. */
export interface Entry {
  readonly profile: AgentProfile
  readonly mode: string
  readonly task: Rule
}

/** One agent to read, and where. */
export interface AgentSource {
  readonly file: ManifestFile
  readonly name: string
  readonly definition: Agent
  /** Its path in the document; [] for the default agent a config leaves out. */
  readonly path: DataPath
  readonly doc: ParsedDocument
  readonly base: Base
  readonly problems: Problem[]
  /** A Markdown agent's body, its prompt; its front matter is `path` []. */
  readonly body?: { readonly text: string; readonly line: number }
}

export function agentEntry(source: AgentSource): Entry {
  const { file, name, definition, path, doc, base, problems, body } = source
  const lineOf = (...sub: DataPath): number | undefined =>
    doc.lineOf([...path, ...sub])
  const own = path.length > 0
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: file.path,
    line: (own ? lineOf() : undefined) ?? 1,
  })
  cite(profile, 'name', own ? lineOf() : undefined)
  const description = definition.description?.trim()
  if (description) profile.description = description
  const mode = definition.mode ?? 'all'
  if (!['primary', 'subagent', 'all'].includes(mode))
    problems.push(
      problem(file.path, lineOf('mode'), `unknown mode "${mode}"`, {
        field: 'mode',
        level: 'warning',
        help: 'Use primary, subagent or all.',
      }),
    )
  profile.exposure.reach = 'local'
  // Subagents can be @-mentioned in a chat too, unless they are hidden.
  if (definition.hidden !== true) profile.triggers.push('chat')
  readAgentModel(profile, definition, lineOf('model'), base)
  readPrompt(profile, definition, lineOf('prompt'), file, body, base)
  const steps = definition.maxSteps.value ?? definition.steps
  if (steps !== undefined) {
    profile.autonomy.maxIterations = steps
    cite(
      profile,
      'autonomy',
      lineOf(definition.maxSteps.stated ? 'maxSteps' : 'steps'),
    )
  }
  const layers = [
    base.permission,
    own || body
      ? readPermissions(definition.permission, (key) =>
          problems.push(permissionProblem(file.path, doc, path, key)),
        )
      : new Map<string, Rule>(),
  ]
  const toggles = new Map([...base.tools, ...definition.tools])
  const line =
    (own || body ? (lineOf('permission') ?? lineOf('tools')) : undefined) ??
    base.permissionLine
  buildTools(profile, layers, toggles, mode !== 'subagent', line)
  addServers(profile, base.mcp, toggles)
  readApproval(profile, line)
  return { profile, mode, task: rulesFor(layers, 'task') }
}

/** A tool permission that is neither an action nor a map of patterns. */
export function permissionProblem(
  file: string,
  doc: ParsedDocument,
  path: DataPath,
  key: string,
): Problem {
  return problem(
    file,
    doc.lineOf([...path, 'permission', key]),
    `permission.${key} must be allow, ask, deny or a map of patterns`,
    { field: `permission.${key}`, level: 'warning' },
  )
}

/** Whether the agent's tools wait for a person, from the tools it has. */
function readApproval(profile: AgentProfile, line: number | undefined): void {
  const approval = approvalOf(profile.tools)
  const acting = profile.tools.filter(
    (t) => SIDE_EFFECT_KINDS.has(t.kind) && !isReadOnlyTool(t),
  )
  if (approval !== undefined && acting.every((t) => t.approvalSource)) {
    // Only OpenCode's defaults decided it: cite them, not a line.
    settleApproval(profile)
  } else if (approval !== undefined) {
    profile.controls.humanApproval = approval
    cite(profile, 'controls.humanApproval', line)
  }
}

function readAgentModel(
  profile: AgentProfile,
  definition: Agent,
  line: number | undefined,
  base: Base,
): void {
  const own = definition.model
  const value = own ?? base.model
  if (value) {
    profile.model = harnessModel(value)
    cite(profile, 'model', own ? line : base.modelLine)
    if (profile.model.unresolved)
      addNote(profile, `model "${value}" is resolved at run time`)
  } else {
    profile.model = { unresolved: true }
    addNote(profile, "no model: it runs on the user's default model")
  }
  const temperature = definition.temperature
  if (temperature !== undefined) profile.model.temperature = temperature
}

function readPrompt(
  profile: AgentProfile,
  definition: Agent,
  line: number | undefined,
  file: ManifestFile,
  body: AgentSource['body'],
  base: Base,
): void {
  const prompt = definition.prompt
  if (prompt) {
    const ref = /^\{file:([^}]+)\}$/.exec(prompt.trim())?.[1]
    if (ref) {
      const path = joinPath(
        splitPath(base.source ?? file.path).dir,
        ref.trim().replace(/^~\//, ''),
        { clampAtRoot: true },
      )
      const text = file.readSibling(path)
      addNote(
        profile,
        `instructions are read from ${path}${text === undefined ? ', which is not in the scan' : ''}`,
      )
      if (text !== undefined) profile.instructions = text.trim()
    } else profile.instructions = prompt.trim()
    cite(profile, 'instructions', line)
    return
  }
  if (body && body.text.trim()) {
    profile.instructions = body.text.trim()
    cite(profile, 'instructions', body.line)
  }
}
