import {
  addNote,
  checkWith,
  cite,
  globPattern,
  parseMapping,
  type FormatResult,
  type ManifestFile,
  type ParsedDocument,
  type Problem,
} from '../../manifest/kit.js'
import {
  agentEntry,
  DEFAULT_AGENT,
  permissionProblem,
  type Base,
  type Entry,
} from './map-agent.js'
import { readPermissions } from './map-permissions.js'
import {
  OpenCodeConfig,
  UNDEFINED_AGENT,
  type ProjectConfig,
} from './schema.js'

/**
 * `opencode.json(c)`: one profile per agent, OpenCode's default agent
 * included when the file does not define it.
 */
export function mapOpenCodeConfig(file: ManifestFile): FormatResult {
  const parsed = parseMapping(file, 'json', {
    problem: 'an OpenCode config must be a JSON object',
  })
  if (!parsed.ok) return parsed.result
  const { doc } = parsed
  const read = checkWith(file.path, doc, OpenCodeConfig)
  if (!read.ok) return read.result
  const config = read.data
  const problems: Problem[] = read.problems
  const base = readBase(config, doc, (key) =>
    problems.push(permissionProblem(file.path, doc, [], key)),
  )
  const entries: Entry[] = []
  const defined = new Set<string>()
  for (const [name, definition] of config.agent ?? []) {
    defined.add(name)
    if (definition.disable === true) continue
    entries.push(
      agentEntry({
        file,
        name,
        definition,
        path: ['agent', name],
        doc,
        base,
        problems,
      }),
    )
  }
  if (!defined.has(DEFAULT_AGENT)) {
    const build = agentEntry({
      file,
      name: DEFAULT_AGENT,
      definition: UNDEFINED_AGENT,
      path: [],
      doc,
      base,
      problems,
    })
    build.profile.description =
      "OpenCode's default agent, with this file's global settings"
    entries.unshift(build)
  }
  linkAgents(entries, config.default_agent, doc)
  const notes = globalNotes(config)
  for (const { profile } of entries)
    for (const note of notes) addNote(profile, note)
  return { agents: entries.map((e) => e.profile), problems, document: doc }
}

function globalNotes(config: OpenCodeConfig): string[] {
  const notes: string[] = []
  if (config.instructions.length > 0)
    notes.push(`instructions also come from ${config.instructions.join(', ')}`)
  if (config.plugin > 0)
    notes.push(
      'plugins run code of their own inside OpenCode; the config under-reports them',
    )
  return notes
}

/**
 * A config's global settings. Read for a Markdown agent (`source`, the
 * config's path), its lines would mislead: they are kept only for the
 * config's own agents.
 */
export function readBase(
  config: ProjectConfig | undefined,
  doc: ParsedDocument,
  report: (key: string) => void,
  source?: string,
): Base {
  const here = source === undefined
  if (!config)
    return { permission: new Map(), tools: new Map(), mcp: [], source }
  return {
    permission: readPermissions(config.permission, report),
    permissionLine: here ? doc.lineOf(['permission']) : undefined,
    tools: new Map(config.tools),
    mcp: (config.mcp ?? []).map(
      ([name, server]) =>
        [name, server, here ? doc.lineOf(['mcp', name]) : undefined] as const,
    ),
    model: config.model,
    modelLine: here ? doc.lineOf(['model']) : undefined,
    source,
  }
}

/**
 * Links the file's subagents to the primary agents whose `task` rules let
 * them start them. A profile has one parent, so each subagent belongs to the
 * default agent when it may start it (else to the first primary that may);
 * the other primaries that reach it list it as a peer.
 */
function linkAgents(
  entries: readonly Entry[],
  defaultAgent: string | undefined,
  doc: ParsedDocument,
): void {
  const primaries = entries.filter((e) => e.mode !== 'subagent')
  const children = entries.filter((e) => e.mode === 'subagent')
  const root =
    primaries.find((e) => e.profile.name === defaultAgent) ??
    primaries.find((e) => e.profile.name === DEFAULT_AGENT) ??
    primaries[0]
  const ordered = root
    ? [root, ...primaries.filter((p) => p !== root)]
    : primaries
  const line = doc.lineOf(['agent'])
  for (const { profile } of children) {
    const reaching = ordered.filter((primary) =>
      mayStart(primary, profile.name),
    )
    const [owner, ...others] = reaching
    if (!owner) {
      addNote(profile, 'no primary agent of this file may start it')
      continue
    }
    profile.parent = owner.profile.name
    owner.profile.subAgents.push(profile.name)
    cite(owner.profile, 'subAgents', line)
    for (const other of others)
      other.profile.delegation.peers.push(profile.name)
  }
  for (const primary of primaries) {
    const { profile } = primary
    if (profile.subAgents.length + profile.delegation.peers.length === 0)
      continue
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
  }
}

/** The primary has the task tool and its task rules do not refuse the name. */
function mayStart(primary: Entry, name: string): boolean {
  if (!primary.profile.tools.some((t) => t.kind === 'agent-call')) return false
  const act = [...primary.task]
    .reverse()
    .find(([pattern]) => globPattern(pattern).test(name))?.[1]
  return act !== 'deny'
}
