import {
  addNote,
  CLAUDE_PERMISSION_MODES,
  cite,
  harnessModel,
  unknownValue,
  type AgentProfile,
} from '../../manifest/kit.js'
import type { SubagentContext } from './map-tools.js'

const MEMORY_SCOPES = ['user', 'project', 'local']

export function readModel(
  profile: AgentProfile,
  value: string | undefined,
  line: number | undefined,
): void {
  if (!value) {
    profile.model = { name: 'inherit', provider: 'anthropic', unresolved: true }
    addNote(profile, "no model: it runs on the session's model")
    return
  }
  profile.model = harnessModel(value)
  profile.model.provider ??= 'anthropic'
  cite(profile, 'model', line)
  if (profile.model.unresolved)
    addNote(profile, `model "${value}" is an alias, not a pinned model version`)
}

/** The agent's own permissionMode, when it is one Claude Code knows. */
export function readPermissionMode(
  { profile, read, problems, file }: SubagentContext,
  mode: string | undefined,
): string | undefined {
  if (!mode) return undefined
  const line = read.lineOf(['permissionMode'])
  profile.autonomy.permissionMode = mode
  cite(profile, 'autonomy', line)
  if (!CLAUDE_PERMISSION_MODES.includes(mode)) {
    problems.push(
      unknownValue(file, line, 'permissionMode', mode, CLAUDE_PERMISSION_MODES),
    )
    return undefined
  }
  return mode
}

export function readTurns(
  profile: AgentProfile,
  turns: number | undefined,
  line: number | undefined,
): void {
  if (turns === undefined) return
  profile.autonomy.maxIterations = turns
  cite(profile, 'autonomy', line)
}

/** `memory`: notes it keeps across sessions and reads back into its prompt. */
export function readMemory(
  { profile, read, problems, file }: SubagentContext,
  scope: string | undefined,
): void {
  if (scope === undefined) return
  const line = read.lineOf(['memory'])
  if (!MEMORY_SCOPES.includes(scope)) {
    problems.push(
      unknownValue(file, line, 'memory scope', scope, MEMORY_SCOPES, 'memory'),
    )
    return
  }
  profile.memory = {
    kind: 'persistent',
    stores: [`${scope} agent memory`],
    writable: true,
  }
  profile.autonomy.selfEditing = true
  cite(profile, 'memory', line)
  cite(profile, 'autonomy', line)
  addNote(
    profile,
    `memory: ${scope}: it keeps notes across sessions and reads them back into its prompt`,
  )
}

export function readSkills(
  profile: AgentProfile,
  skills: readonly string[],
  line: number | undefined,
): void {
  for (const name of skills) profile.skills.push({ name })
  if (skills.length > 0) cite(profile, 'skills', line)
}

export function readIsolation(
  profile: AgentProfile,
  isolation: string | undefined,
  line: number | undefined,
): void {
  if (isolation !== 'worktree') return
  profile.controls.sandbox = true
  cite(profile, 'controls.sandbox', line)
  addNote(
    profile,
    'isolation: worktree: it works in a temporary git worktree (file isolation, not a security sandbox)',
  )
}

/** `effort` above low: it plans its work. */
export function readEffort(
  profile: AgentProfile,
  effort: string | undefined,
  line: number | undefined,
): void {
  if (effort && !/^(low|minimal|none)$/i.test(effort)) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', line)
  }
}
