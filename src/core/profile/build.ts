import type { AgentProfile, EvidenceField, Tool } from './schema.js'

export interface ProfileSeed {
  readonly name: string
  readonly format: string
  readonly file: string
  readonly line: number
}

/** A profile with every collection empty and every tri-state "not stated". */
export function newProfile(seed: ProfileSeed): AgentProfile {
  return {
    name: seed.name,
    format: seed.format,
    source: { file: seed.file, line: Math.max(1, seed.line) },
    model: {},
    skills: [],
    tools: [],
    memory: { stores: [] },
    subAgents: [],
    delegation: { peers: [] },
    identity: { authSchemes: [], credentials: [] },
    controls: {},
    exposure: { channels: [] },
    triggers: [],
    autonomy: {},
    evidence: {},
    notes: [],
    context: [],
  }
}

/** Adds a tool unless one of the same name and kind is already listed. */
export function addTool(profile: AgentProfile, tool: Tool): void {
  appendUnique(profile.tools, tool, toolKey)
}

function same<T>(value: T): T {
  return value
}

function toolKey(tool: Tool): string {
  return `${tool.kind}\u0000${tool.name}`
}

/**
 * The keys of lists that grow by appends, kept beside them so that adding
 * to a list of thousands (an MCP configuration of hostile size) stays
 * linear. An index is rebuilt when its list changed behind its back.
 */
const keyIndex = new WeakMap<object, { length: number; keys: Set<unknown> }>()
const INDEXED_FROM = 32

function appendUnique<T>(list: T[], item: T, key: (item: T) => unknown): void {
  if (list.length < INDEXED_FROM) {
    // Short lists, which is nearly all of them: a scan beats an index.
    const itemKey = key(item)
    if (!list.some((other) => key(other) === itemKey)) list.push(item)
    return
  }
  let index = keyIndex.get(list)
  if (index?.length !== list.length) {
    index = { length: list.length, keys: new Set(list.map(key)) }
    keyIndex.set(list, index)
  }
  const itemKey = key(item)
  if (index.keys.has(itemKey)) return
  list.push(item)
  index.keys.add(itemKey)
  index.length = list.length
}

/** Records the line a field was read from, keeping the first one seen. */
export function cite(
  profile: AgentProfile,
  field: EvidenceField,
  line: number | undefined,
): void {
  if (line !== undefined && profile.evidence[field] === undefined) {
    profile.evidence[field] = line
  }
}

export function addNote(profile: AgentProfile, note: string): void {
  appendUnique(profile.notes, note, same)
}

/** Adds a value to a list of names unless it is there already. */
export function pushUnique<T>(list: T[], value: T): void {
  appendUnique(list, value, same)
}

/** A list for a note: its first `limit` items, and how many more there are. */
export function listSummary(items: readonly string[], limit = 6): string {
  const shown = items.slice(0, limit).join(', ')
  return items.length > limit
    ? `${shown} and ${items.length - limit} more`
    : shown
}

/** Adds a trigger unless it is listed, and cites the line it was read from. */
export function addTrigger(
  profile: AgentProfile,
  trigger: AgentProfile['triggers'][number],
  line?: number,
): void {
  pushUnique(profile.triggers, trigger)
  cite(profile, 'triggers', line)
}
