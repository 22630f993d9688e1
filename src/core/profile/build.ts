import type { AgentProfile, Tool } from './schema.js'

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
  if (
    !profile.tools.some((t) => t.name === tool.name && t.kind === tool.kind)
  ) {
    profile.tools.push(tool)
  }
}

/** Records the line a field was read from, keeping the first one seen. */
export function cite(
  profile: AgentProfile,
  field: string,
  line: number | undefined,
): void {
  if (line !== undefined && profile.evidence[field] === undefined) {
    profile.evidence[field] = line
  }
}

export function addNote(profile: AgentProfile, note: string): void {
  if (!profile.notes.includes(note)) profile.notes.push(note)
}

/** Adds a value to a list of names unless it is there already. */
export function pushUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value)
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
