import {
  addNote,
  addTool,
  cite,
  hostDefaultText,
  isReadOnlyCommand,
  listSummary,
  type AgentProfile,
  type Tool,
  type ToolKind,
} from '../../manifest/kit.js'
import type { Action, Permission, Rule } from './schema.js'

/** One layer of permissions (global or an agent's): tool key → its rule. */
export type Permissions = ReadonlyMap<string, Rule>

/**
 * A `permission` setting as rules by tool key; a tool permission of the
 * wrong type is left out and handed to `report`.
 */
export function readPermissions(
  setting: Permission,
  report: (key: string) => void,
): Permissions {
  const result = new Map<string, Rule>()
  if (setting.all) {
    result.set('*', [['*', setting.all]])
    return result
  }
  for (const [key, rule] of setting.tools) {
    if (rule) result.set(key, rule)
    else report(key)
  }
  return result
}

/**
 * The rules that decide one tool, in evaluation order: the global layer,
 * then the agent's; within a layer, the `*` key before the tool's own.
 */
export function rulesFor(layers: readonly Permissions[], key: string): Rule {
  return layers.flatMap((layer) => [
    ...(key === '*' ? [] : (layer.get('*') ?? [])),
    ...(layer.get(key) ?? []),
  ])
}

interface ToolSpec {
  readonly key: string
  readonly name: string
  readonly kind: ToolKind
  readonly readOnly?: boolean
  /** Toggle names that switch it off. */
  readonly toggles: readonly string[]
}

const TOOL_SPECS: readonly ToolSpec[] = [
  { key: 'bash', name: 'bash', kind: 'shell', toggles: ['bash'] },
  {
    key: 'edit',
    name: 'edit',
    kind: 'file-write',
    toggles: ['edit', 'write', 'patch'],
  },
  {
    key: 'webfetch',
    name: 'webfetch',
    kind: 'network',
    readOnly: true,
    toggles: ['webfetch'],
  },
  {
    key: 'read',
    name: 'read',
    kind: 'file-read',
    readOnly: true,
    toggles: ['read'],
  },
]

/** The built-in tools an agent has, as its permissions and toggles leave them. */
export function buildTools(
  profile: AgentProfile,
  layers: readonly Permissions[],
  toggles: ReadonlyMap<string, boolean>,
  primary: boolean,
  line: number | undefined,
): void {
  const specs: readonly ToolSpec[] = primary
    ? [
        ...TOOL_SPECS,
        { key: 'task', name: 'task', kind: 'agent-call', toggles: ['task'] },
      ]
    : TOOL_SPECS
  cite(profile, 'tools', line)
  for (const spec of specs) {
    if (spec.toggles.every((t) => toggles.get(t) === false)) {
      addNote(profile, `${spec.name} is switched off in tools`)
      continue
    }
    addFromRule(profile, spec, rulesFor(layers, spec.key), line)
  }
  if (layers.every((layer) => layer.size === 0)) {
    profile.autonomy.permissionMode = 'allow'
    cite(profile, 'autonomy', line)
    addNote(
      profile,
      'no permission settings: OpenCode runs every tool without asking',
    )
  }
}

/**
 * A rule list read the way OpenCode reads it, the last matching entry
 * winning: the last `*` entry gives the default (allow when there is none)
 * and hides every pattern written before it.
 */
function effective(rule: Rule): {
  readonly otherwise: Action
  readonly patterns: ReadonlyArray<readonly [string, Action]>
  readonly hidden: readonly string[]
} {
  let star = -1
  rule.forEach(([pattern], i) => {
    if (pattern === '*') star = i
  })
  const last = new Map<string, Action>()
  for (const [pattern, act] of rule.slice(star + 1)) last.set(pattern, act)
  return {
    otherwise: star >= 0 ? (rule[star]?.[1] ?? 'allow') : 'allow',
    patterns: [...last],
    hidden: rule
      .slice(0, Math.max(star, 0))
      .filter(([pattern, act]) => pattern !== '*' && act === 'deny')
      .map(([pattern]) => pattern),
  }
}

function addFromRule(
  profile: AgentProfile,
  spec: ToolSpec,
  rule: Rule,
  line: number | undefined,
): void {
  const { otherwise, patterns, hidden } = effective(rule)
  const allowed = patterns.filter(([, a]) => a === 'allow').map(([p]) => p)
  const asked = patterns.filter(([, a]) => a === 'ask').map(([p]) => p)
  const refused = patterns.filter(([, a]) => a === 'deny').map(([p]) => p)
  const base: Tool = {
    name: spec.name,
    kind: spec.kind,
    line,
    source: 'builtin',
    readOnly: spec.readOnly,
  }
  if (refused.length > 0)
    addNote(profile, `${spec.name} refuses: ${listSummary(refused)}`)
  if (hidden.length > 0 && otherwise !== 'deny')
    addNote(
      profile,
      `${spec.name}: a later "*": "${otherwise}" rule overrides the refusals written before it (${listSummary(hidden)}), which no longer apply`,
    )
  if (patterns.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', line)
  }
  const onlyReads = (list: readonly string[]): boolean | undefined =>
    spec.kind === 'shell' && list.length > 0 && list.every(isReadOnlyCommand)
      ? true
      : spec.readOnly
  if (otherwise === 'deny') {
    const permitted = [...allowed, ...asked]
    if (permitted.length === 0) {
      addNote(profile, `${spec.name} is denied`)
      return
    }
    addTool(profile, {
      ...base,
      description: `only ${listSummary(permitted)}`,
      requiresApproval: allowed.length === 0,
      readOnly: onlyReads(permitted),
    })
    return
  }
  // No "*" rule: OpenCode's own default, which lets the tool run.
  const byDefault = !rule.some(([pattern]) => pattern === '*')
  addTool(profile, {
    ...base,
    requiresApproval: otherwise === 'ask',
    ...(byDefault
      ? { approvalSource: hostDefaultText('opencode', spec.name, false) }
      : {}),
  })
  if (otherwise === 'ask' && allowed.length > 0) {
    addTool(profile, {
      ...base,
      name: `${spec.name} (pre-approved)`,
      description: `runs without asking: ${listSummary(allowed)}`,
      requiresApproval: false,
      readOnly: onlyReads(allowed),
    })
  }
}
