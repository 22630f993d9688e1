import type { FileSource } from '../discovery/source.js'
import { applySidecar } from '../manifest/sidecar.js'
import type { ContextNote, SkillDeclaration } from '../manifest/types.js'
import type { Problem } from '../problems.js'
import { addNote, addTool } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

/**
 * What ties agents of different files together once every file is read:
 * sidecars, sub-agents named in another file, and AGENTS.md context. Every
 * step indexes first, so none grows with agents × agents.
 */

/** Applies each `<manifest>.aivss.yml` to the agents of its manifest. */
export function applySidecars(
  sidecars: ReadonlyMap<string, string>,
  profilesByFile: ReadonlyMap<string, readonly AgentProfile[]>,
  source: FileSource,
  maxBytes: number,
): Problem[] {
  const problems: Problem[] = []
  for (const [manifest, sidecar] of sidecars) {
    const agents = profilesByFile.get(manifest)
    const read = source.readRelative(sidecar, maxBytes)
    if (!read.ok) {
      problems.push({
        file: sidecar,
        message: `skipped: sidecar could not be read (${read.reason})`,
        level: 'warning',
      })
    } else if (!agents) {
      problems.push({
        file: sidecar,
        message: `sidecar of ${manifest}, which holds no agent aivss-gate recognises`,
        help: 'Rename it to <name>.aivss.yml and give it a name to make it a descriptor of its own.',
        level: 'warning',
      })
    } else {
      for (const problem of applySidecar(sidecar, read.text, agents))
        problems.push(problem)
    }
  }
  return problems
}

/**
 * Points each sub-agent at the agent that lists it when they live in
 * different files (formats link agents within one file themselves). A
 * candidate must be unclaimed, near the parent (its directory or the one
 * above, where config folders such as `.claude-plugin/` or `config/` sit),
 * and of the same format family (or an aivss descriptor): a name alone is not
 * enough to tie a Claude Code subagent to an OpenCode agent.
 */
export function linkSubAgents(profiles: readonly AgentProfile[]): void {
  const byName = new Map<string, AgentProfile[]>()
  for (const profile of profiles) {
    const list = byName.get(profile.name)
    if (list) list.push(profile)
    else byName.set(profile.name, [profile])
  }
  for (const parent of profiles) {
    const scope = parentDir(dirOf(parent.source.file))
    for (const childName of parent.subAgents) {
      const named = (byName.get(childName) ?? []).filter((p) => p !== parent)
      if (
        named.some(
          (p) =>
            p.source.file === parent.source.file || p.parent === parent.name,
        )
      )
        continue
      const candidates = named.filter(
        (p) =>
          p.parent === undefined &&
          p.source.file.startsWith(scope) &&
          (family(p.format) === family(parent.format) ||
            p.format === 'aivss-descriptor'),
      )
      const child =
        candidates.find(
          (p) => dirOf(p.source.file) === dirOf(parent.source.file),
        ) ??
        [...candidates].sort(
          (a, b) => a.source.file.length - b.source.file.length,
        )[0]
      if (child) child.parent = parent.name
    }
  }
}

/** Gives each agent the prose notes (AGENTS.md) of the trees it lives in. */
export function attachContext(
  profiles: readonly AgentProfile[],
  notes: readonly ContextNote[],
): void {
  const byScope = new Map<string, ContextNote[]>()
  for (const note of notes) {
    const scope = note.scope.replace(/\/+$/, '')
    byScope.set(scope, [...(byScope.get(scope) ?? []), note])
  }
  if (byScope.size === 0) return
  for (const profile of profiles) {
    // Every directory from the root down to the agent's own.
    const parts = profile.source.file.split('/').slice(0, -1)
    for (let depth = 0; depth <= parts.length; depth++) {
      for (const note of byScope.get(parts.slice(0, depth).join('/')) ?? []) {
        if (!profile.context.includes(note.file))
          profile.context.push(note.file)
      }
    }
  }
}

/**
 * Folds each Agent Skill into the agents that load it: the agents of its
 * host (by format) in the tree it covers gain its tools, a note that names
 * what it gives them, and the skill in their skill list. Returns, per
 * skill, the names of those agents.
 */
export function attachSkills(
  profiles: readonly AgentProfile[],
  skills: readonly SkillDeclaration[],
): Map<SkillDeclaration, string[]> {
  const loadedBy = new Map<SkillDeclaration, string[]>()
  for (const skill of skills) {
    const names: string[] = []
    const scope = skill.scope.replace(/\/+$/, '')
    for (const profile of profiles) {
      const file = profile.source.file
      if (scope && !file.startsWith(`${scope}/`)) continue
      if (skill.hosts.length > 0 && !skill.hosts.includes(profile.format))
        continue
      for (const tool of skill.tools) addTool(profile, { ...tool })
      if (!profile.skills.some((s) => s.name === skill.name))
        profile.skills.push({
          name: skill.name,
          ...(skill.description ? { description: skill.description } : {}),
        })
      const kinds = [...new Set(skill.tools.map((t) => t.kind))]
      addNote(
        profile,
        kinds.length > 0
          ? `skill ${skill.name} (${skill.file}) gives it ${kinds.join(', ')}`
          : `skill ${skill.name} (${skill.file}) can be loaded`,
      )
      names.push(profile.name)
    }
    loadedBy.set(skill, names)
  }
  return loadedBy
}

function dirOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/') + 1)
}

function parentDir(dir: string): string {
  const trimmed = dir.replace(/\/$/, '')
  return trimmed.includes('/')
    ? trimmed.slice(0, trimmed.lastIndexOf('/') + 1)
    : ''
}

/** `claude-code-plugin` and `claude-code-subagent` are one family. */
function family(format: string): string {
  return format.split('-')[0] ?? format
}
