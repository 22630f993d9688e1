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
