import fc from 'fast-check'
import { FACTOR_IDS, factorName } from '../../src/core/aivss/factors.js'
import {
  DEFAULT_SCORING,
  type ScoringSettings,
} from '../../src/core/aivss/settings.js'
import {
  assessAgent,
  type AgentAssessment,
} from '../../src/core/assess/assess-agent.js'
import {
  BASELINE_METRICS,
  type BaselineMetric,
} from '../../src/core/assess/baseline.js'
import {
  CONTROLS,
  TOOL_KINDS,
  TRIGGERS,
  type AgentProfile,
  type Control,
  type Tool,
  type Trigger,
} from '../../src/core/profile/schema.js'
import { changesThings } from '../../src/core/profile/tool-kinds.js'
import { agentProfile, scoringSettings } from './profiles.js'

/**
 * Pairs of agent profiles where the second has everything the first has and
 * more ("B dominates A"), for the property that least privilege never costs:
 * widening an agent never lowers a factor, a baseline metric or the score.
 *
 * A comes from the shared profile arbitrary without its aivss block: a
 * declared factor, threat multiplier, mitigation or baseline vector would be
 * compared with itself, not estimated from the profile. B is A after one or
 * more widening steps, each a genuine superset under the schema:
 *
 * - tools: one more tool of any kind, never with `requiresApproval: true`
 *   (an approval is a control that comes with it) and never with a pinned
 *   server; a read-only tool is its own step; an open list (`allTools`);
 *   a listed tool turned into a wildcard (it stands for every tool of its
 *   source);
 * - memory: none < session < persistent (unstated only to persistent, the
 *   top), writable, one more store;
 * - other agents: more sub-agents, delegation allowed, dynamic choice of
 *   agents, one more peer;
 * - exposure: local < internal < public (unstated only to public), one more
 *   channel, one more trigger (only where triggers are stated, since the
 *   list names every way it starts: adding `schedule` to an unstated list
 *   would also say that no person starts it), untrusted input;
 * - controls: a control declared on removed (to not stated), a control
 *   declared off (from on or not stated), input filtering removed, inbound
 *   authentication declared none;
 * - tools' own limits: `requiresApproval: true` dropped, `readOnly: true`
 *   dropped;
 * - autonomy: permission mode bypassPermissions, code execution,
 *   self-editing, explicit planning, a longer or no iteration cap;
 * - identity: one more credential.
 *
 * Left alone on purpose: the prose (description, instructions, skills),
 * whose text signals read meaning, not capability; the model; the identity
 * kind (per-tool scoped credentials are not less privilege than one fixed
 * identity in any order the schema defines); the delegation mode (its
 * values are not ordered); the parent (being someone's sub-agent narrows
 * who reaches it).
 */

// ---- the widening steps

export type Widening =
  | { readonly step: 'add-tool'; readonly tool: Tool }
  | { readonly step: 'add-read-only-tool'; readonly tool: Tool }
  | { readonly step: 'open-tool-list' }
  | { readonly step: 'wildcard-tool'; readonly pick: number }
  | { readonly step: 'memory-kind'; readonly to: 'session' | 'persistent' }
  | { readonly step: 'memory-writable' }
  | { readonly step: 'memory-store'; readonly store: string }
  | { readonly step: 'add-sub-agents'; readonly names: readonly string[] }
  | { readonly step: 'can-delegate' }
  | { readonly step: 'dynamic-delegation' }
  | { readonly step: 'add-peer'; readonly peer: string }
  | { readonly step: 'reach'; readonly to: 'internal' | 'public' }
  | { readonly step: 'add-channel'; readonly channel: string }
  | { readonly step: 'add-trigger'; readonly trigger: Trigger }
  | { readonly step: 'untrusted-input' }
  | { readonly step: 'remove-control'; readonly pick: number }
  | { readonly step: 'control-off'; readonly control: Control }
  | {
      readonly step: 'input-filtering-removed'
      readonly to: 'unstated' | 'false'
    }
  | { readonly step: 'no-inbound-auth' }
  | {
      readonly step: 'approval-removed'
      readonly pick: number
      readonly to: 'unstated' | 'false'
    }
  | {
      readonly step: 'read-only-dropped'
      readonly pick: number
      readonly to: 'unstated' | 'false'
    }
  | { readonly step: 'bypass-permissions' }
  | { readonly step: 'code-execution' }
  | { readonly step: 'self-editing' }
  | { readonly step: 'planning' }
  | { readonly step: 'iteration-cap'; readonly raiseBy: number | null }
  | { readonly step: 'add-credential'; readonly name: string }

export type WideningStep = Widening['step']

const ADDED_TOOL_NAMES = [
  'bash',
  'run_sql',
  'send_email',
  'stripe_charge',
  'read_file',
  'write_file',
  'web_search',
  'fetch',
  'browser',
  'kubectl',
  'execute_code',
  'delegate',
  'lookup',
  'get_invoice',
  'create_ticket',
  'helper',
]

/** A tool to add: any kind, no approval and no pinning attached. */
function addedTool(readOnly: boolean): fc.Arbitrary<Tool> {
  return fc
    .record(
      {
        name: fc.constantFrom(...ADDED_TOOL_NAMES),
        kind: fc.constantFrom(...TOOL_KINDS),
        requiresApproval: fc.constant(false),
        readOnly: fc.constant(false),
        wildcard: fc.boolean(),
        source: fc.constantFrom('builtin', 'mcp', 'openapi', 'code', 'a2a'),
        server: fc.record(
          {
            transport: fc.constantFrom('stdio', 'http', 'sse', 'unknown'),
            command: fc.constantFrom('npx', 'uvx', 'docker'),
            url: fc.constantFrom('https://mcp.example.com/sse'),
            env: fc.array(fc.constantFrom('GITHUB_TOKEN', 'API_KEY'), {
              maxLength: 2,
            }),
            pinned: fc.constant(false),
          },
          { requiredKeys: ['transport'] },
        ),
      },
      { requiredKeys: ['name', 'kind'] },
    )
    .map((tool) => (readOnly ? { ...tool, readOnly: true } : tool))
}

const NEW_AGENTS = ['helper-a', 'helper-b', 'helper-c', 'helper-d']

export const WIDENINGS: Readonly<Record<WideningStep, fc.Arbitrary<Widening>>> =
  {
    'add-tool': addedTool(false).map((tool) => ({ step: 'add-tool', tool })),
    'add-read-only-tool': addedTool(true).map((tool) => ({
      step: 'add-read-only-tool',
      tool,
    })),
    'open-tool-list': fc.constant({ step: 'open-tool-list' }),
    'wildcard-tool': fc.nat(5).map((pick) => ({ step: 'wildcard-tool', pick })),
    'memory-kind': fc
      .constantFrom('session' as const, 'persistent' as const)
      .map((to) => ({ step: 'memory-kind', to })),
    'memory-writable': fc.constant({ step: 'memory-writable' }),
    'memory-store': fc
      .constantFrom('vector-db', 'notes-file')
      .map((store) => ({ step: 'memory-store', store })),
    'add-sub-agents': fc
      .uniqueArray(fc.constantFrom(...NEW_AGENTS), {
        minLength: 1,
        maxLength: 3,
      })
      .map((names) => ({ step: 'add-sub-agents', names })),
    'can-delegate': fc.constant({ step: 'can-delegate' }),
    'dynamic-delegation': fc.constant({ step: 'dynamic-delegation' }),
    'add-peer': fc
      .constantFrom('remote-peer', 'ops-agent')
      .map((peer) => ({ step: 'add-peer', peer })),
    reach: fc
      .constantFrom('internal' as const, 'public' as const)
      .map((to) => ({ step: 'reach', to })),
    'add-channel': fc
      .constantFrom('slack', 'email', 'web', 'sms', 'teams')
      .map((channel) => ({ step: 'add-channel', channel })),
    'add-trigger': fc
      .constantFrom(...TRIGGERS)
      .map((trigger) => ({ step: 'add-trigger', trigger })),
    'untrusted-input': fc.constant({ step: 'untrusted-input' }),
    'remove-control': fc
      .nat(6)
      .map((pick) => ({ step: 'remove-control', pick })),
    'control-off': fc
      .constantFrom(...CONTROLS)
      .map((control) => ({ step: 'control-off', control })),
    'input-filtering-removed': fc
      .constantFrom('unstated' as const, 'false' as const)
      .map((to) => ({ step: 'input-filtering-removed', to })),
    'no-inbound-auth': fc.constant({ step: 'no-inbound-auth' }),
    'approval-removed': fc
      .tuple(fc.nat(5), fc.constantFrom('unstated' as const, 'false' as const))
      .map(([pick, to]) => ({ step: 'approval-removed', pick, to })),
    'read-only-dropped': fc
      .tuple(fc.nat(5), fc.constantFrom('unstated' as const, 'false' as const))
      .map(([pick, to]) => ({ step: 'read-only-dropped', pick, to })),
    'bypass-permissions': fc.constant({ step: 'bypass-permissions' }),
    'code-execution': fc.constant({ step: 'code-execution' }),
    'self-editing': fc.constant({ step: 'self-editing' }),
    planning: fc.constant({ step: 'planning' }),
    'iteration-cap': fc
      .option(fc.integer({ min: 1, max: 50 }), { nil: null })
      .map((raiseBy) => ({ step: 'iteration-cap', raiseBy })),
    'add-credential': fc
      .constantFrom('STRIPE_API_KEY', 'DATABASE_URL', 'SLACK_BOT_TOKEN')
      .map((name) => ({ step: 'add-credential', name })),
  }

export const WIDENING_STEPS = Object.keys(WIDENINGS) as WideningStep[]

const MEMORY_RANK = { none: 0, session: 1, persistent: 2 } as const
const REACH_RANK = { local: 0, internal: 1, public: 2 } as const

function pickFrom<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length]
}

/** A deep copy: steps never touch the profile they widen. */
function copy(profile: AgentProfile): AgentProfile {
  return structuredClone(profile)
}

/**
 * The profile after one widening step, or undefined when the step would not
 * widen this profile (nothing to remove, already at the top).
 */
export function widen(
  profile: AgentProfile,
  w: Widening,
): AgentProfile | undefined {
  const p = copy(profile)
  switch (w.step) {
    case 'add-tool':
    case 'add-read-only-tool': {
      // A second tool of the same name and kind would be the same tool.
      const taken = (name: string): boolean =>
        p.tools.some((t) => t.name === name && t.kind === w.tool.kind)
      let name = w.tool.name
      for (let n = 2; taken(name); n++) name = `${w.tool.name}_${n}`
      p.tools.push({ ...w.tool, name })
      return p
    }
    case 'open-tool-list':
      if (p.allTools === true) return undefined
      p.allTools = true
      return p
    case 'wildcard-tool': {
      const tool = pickFrom(
        p.tools.filter((t) => t.wildcard !== true),
        w.pick,
      )
      if (!tool) return undefined
      tool.wildcard = true
      return p
    }
    case 'memory-kind': {
      const kind = p.memory.kind
      // Not stated may be anything: only the top is sure to be wider.
      if (kind === undefined && w.to !== 'persistent') return undefined
      if (kind !== undefined && MEMORY_RANK[kind] >= MEMORY_RANK[w.to])
        return undefined
      p.memory.kind = w.to
      return p
    }
    case 'memory-writable':
      if (p.memory.writable === true) return undefined
      p.memory.writable = true
      return p
    case 'memory-store':
      if (p.memory.stores.includes(w.store)) return undefined
      p.memory.stores.push(w.store)
      return p
    case 'add-sub-agents': {
      const names = w.names.filter((n) => !p.subAgents.includes(n))
      if (names.length === 0) return undefined
      p.subAgents.push(...names)
      return p
    }
    case 'can-delegate':
      if (p.delegation.canDelegate === true) return undefined
      p.delegation.canDelegate = true
      return p
    case 'dynamic-delegation':
      if (p.delegation.dynamic === true) return undefined
      p.delegation.dynamic = true
      return p
    case 'add-peer':
      if (p.delegation.peers.includes(w.peer)) return undefined
      p.delegation.peers.push(w.peer)
      return p
    case 'reach': {
      const reach = p.exposure.reach
      if (reach === undefined && w.to !== 'public') return undefined
      if (reach !== undefined && REACH_RANK[reach] >= REACH_RANK[w.to])
        return undefined
      p.exposure.reach = w.to
      return p
    }
    case 'add-channel':
      if (p.exposure.channels.includes(w.channel)) return undefined
      p.exposure.channels.push(w.channel)
      return p
    case 'add-trigger':
      if (p.triggers.length === 0 || p.triggers.includes(w.trigger))
        return undefined
      p.triggers.push(w.trigger)
      return p
    case 'untrusted-input':
      if (p.exposure.untrustedInput === true) return undefined
      p.exposure.untrustedInput = true
      return p
    case 'remove-control': {
      const control = pickFrom(
        CONTROLS.filter((c) => p.controls[c] === true),
        w.pick,
      )
      if (!control) return undefined
      const { [control]: _removed, ...rest } = p.controls
      p.controls = rest
      return p
    }
    case 'control-off':
      if (p.controls[w.control] === false) return undefined
      p.controls[w.control] = false
      return p
    case 'input-filtering-removed':
      if (p.exposure.inputFiltering !== true) return undefined
      if (w.to === 'false') p.exposure.inputFiltering = false
      else delete p.exposure.inputFiltering
      return p
    case 'no-inbound-auth': {
      const schemes = p.identity.authSchemes
      if (schemes.length > 0 && schemes.every((s) => s === 'none'))
        return undefined
      p.identity.authSchemes = ['none']
      return p
    }
    case 'approval-removed': {
      const tool = pickFrom(
        p.tools.filter((t) => t.requiresApproval === true),
        w.pick,
      )
      if (!tool) return undefined
      if (w.to === 'false') tool.requiresApproval = false
      else delete tool.requiresApproval
      delete tool.approvalSource
      return p
    }
    case 'read-only-dropped': {
      const tool = pickFrom(
        p.tools.filter((t) => t.readOnly === true),
        w.pick,
      )
      if (!tool) return undefined
      if (w.to === 'false') tool.readOnly = false
      else delete tool.readOnly
      return p
    }
    case 'bypass-permissions':
      if (p.autonomy.permissionMode === 'bypassPermissions') return undefined
      p.autonomy.permissionMode = 'bypassPermissions'
      return p
    case 'code-execution':
      if (p.autonomy.codeExecution === true) return undefined
      p.autonomy.codeExecution = true
      return p
    case 'self-editing':
      if (p.autonomy.selfEditing === true) return undefined
      p.autonomy.selfEditing = true
      return p
    case 'planning':
      if (p.autonomy.planning === true) return undefined
      p.autonomy.planning = true
      return p
    case 'iteration-cap': {
      const cap = p.autonomy.maxIterations
      if (cap === undefined) return undefined
      if (w.raiseBy === null) delete p.autonomy.maxIterations
      else p.autonomy.maxIterations = cap + w.raiseBy
      return p
    }
    case 'add-credential':
      if (p.identity.credentials.includes(w.name)) return undefined
      p.identity.credentials.push(w.name)
      return p
  }
}

/** One line for a step, as applied to the profile it widened. */
export function describeStep(w: Widening): string {
  switch (w.step) {
    case 'add-tool':
    case 'add-read-only-tool':
      return `${w.step} ${JSON.stringify(w.tool)}`
    case 'wildcard-tool':
    case 'remove-control':
      return `${w.step} (pick ${w.pick})`
    case 'approval-removed':
    case 'read-only-dropped':
      return `${w.step} (pick ${w.pick}, to ${w.to})`
    case 'memory-kind':
    case 'reach':
      return `${w.step} -> ${w.to}`
    case 'input-filtering-removed':
      return `${w.step} (to ${w.to})`
    case 'memory-store':
      return `${w.step} ${w.store}`
    case 'add-sub-agents':
      return `${w.step} ${w.names.join(', ')}`
    case 'add-peer':
      return `${w.step} ${w.peer}`
    case 'add-channel':
      return `${w.step} ${w.channel}`
    case 'add-trigger':
      return `${w.step} ${w.trigger}`
    case 'control-off':
      return `${w.step} ${w.control}`
    case 'iteration-cap':
      return w.raiseBy === null
        ? `${w.step} removed`
        : `${w.step} +${w.raiseBy}`
    case 'add-credential':
      return `${w.step} ${w.name}`
    default:
      return w.step
  }
}

// ---- the pairs

/** A profile with no aivss declarations: every value is estimated. */
export const estimatedProfile: fc.Arbitrary<AgentProfile> = agentProfile.map(
  ({ aivss: _declared, ...profile }) => profile,
)

/** Default settings often, any pinned settings otherwise. */
export const anySettings: fc.Arbitrary<ScoringSettings> = fc.oneof(
  fc.constant(DEFAULT_SCORING),
  scoringSettings,
)

export interface WidenedPair {
  readonly a: AgentProfile
  readonly b: AgentProfile
  /** The steps that widened A into B, in order (each one applied). */
  readonly steps: readonly Widening[]
}

/** Applies the steps that widen; undefined when none does. */
export function applySteps(
  a: AgentProfile,
  steps: readonly Widening[],
): WidenedPair | undefined {
  let b = a
  const applied: Widening[] = []
  for (const step of steps) {
    const next = widen(b, step)
    if (next) {
      b = next
      applied.push(step)
    }
  }
  return applied.length === 0 ? undefined : { a, b, steps: applied }
}

/** A and A widened by one step of the given kind (when it applies). */
export function pairBy(step: WideningStep): fc.Arbitrary<WidenedPair> {
  return fc
    .tuple(estimatedProfile, WIDENINGS[step])
    .map(([a, w]) => applySteps(a, [w]))
    .filter((pair): pair is WidenedPair => pair !== undefined)
}

/** A and A widened by one to four steps of any kinds. */
export const widenedPair: fc.Arbitrary<WidenedPair> = fc
  .tuple(
    estimatedProfile,
    fc.array(fc.oneof(...Object.values(WIDENINGS)), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([a, steps]) => applySteps(a, steps))
  .filter((pair): pair is WidenedPair => pair !== undefined)

/**
 * The same agent under its host's default approvals and with approvals
 * bypassed. A: every tool that changes things asks first because the host
 * does by default (`requiresApproval: true`, approvalSource `host default:
 * ...`), no permission mode and no approval control stated, as a Claude
 * Code subagent without `permissionMode` reads. B: the same tools with
 * `requiresApproval: false` and approvalSource `permissionMode:
 * bypassPermissions`, the permission mode set and the approval control
 * declared off, as `permissionMode: bypassPermissions` reads. A has at
 * least one tool the host asks about.
 */
export interface BypassPair {
  readonly hostDefault: AgentProfile
  readonly bypassed: AgentProfile
}

export function bypassPair(options: {
  readonly openList: boolean
}): fc.Arbitrary<BypassPair> {
  return estimatedProfile
    .map((profile) => {
      const tools = profile.tools.map((tool): Tool => {
        const {
          requiresApproval: _approval,
          approvalSource: _source,
          ...rest
        } = tool
        return changesThings(tool)
          ? {
              ...rest,
              requiresApproval: true,
              approvalSource: `host default: Claude Code asks before running ${tool.name}`,
            }
          : rest
      })
      const { humanApproval: _approval, ...controls } = profile.controls
      const { permissionMode: _mode, ...autonomy } = profile.autonomy
      const open = options.openList && profile.allTools === true
      // An open list holds the host's own tools too: under the host's
      // defaults those ask first, as the formats settle it
      // (controls.humanApproval from the host's table, cited).
      const hostDefault: AgentProfile = {
        ...profile,
        tools,
        allTools: open,
        controls: open ? { ...controls, humanApproval: true } : controls,
        defaults: open
          ? {
              ...profile.defaults,
              'controls.humanApproval':
                'host default: Claude Code asks before running any tool that changes things',
            }
          : profile.defaults,
        autonomy,
      }
      const bypassed: AgentProfile = {
        ...hostDefault,
        tools: tools.map((tool) => ({
          ...tool,
          requiresApproval: false,
          approvalSource: 'permissionMode: bypassPermissions',
        })),
        controls: { ...controls, humanApproval: false },
        autonomy: { ...autonomy, permissionMode: 'bypassPermissions' },
      }
      return { hostDefault, bypassed }
    })
    .filter(({ hostDefault }) =>
      hostDefault.tools.some((t) =>
        t.approvalSource?.startsWith('host default'),
      ),
    )
}

// ---- comparing two assessments

/**
 * Severity ordinals of the baseline metrics, least severe first:
 * AV P<L<A<N, AC H<L, AT P<N, PR H<L<N, UI A<P<N, impacts N<L<H.
 */
export const METRIC_ORDER: Readonly<Record<BaselineMetric, readonly string[]>> =
  {
    AV: ['P', 'L', 'A', 'N'],
    AC: ['H', 'L'],
    AT: ['P', 'N'],
    PR: ['H', 'L', 'N'],
    UI: ['A', 'P', 'N'],
    VC: ['N', 'L', 'H'],
    VI: ['N', 'L', 'H'],
    VA: ['N', 'L', 'H'],
    SC: ['N', 'L', 'H'],
    SI: ['N', 'L', 'H'],
    SA: ['N', 'L', 'H'],
  }

/** The derived baseline's base metrics, metric → value. */
export function baselineMetrics(
  a: AgentAssessment,
): Record<BaselineMetric, string> {
  if (!a.baseline.derived || a.baseline.vector === null)
    throw new Error(
      `expected a derived baseline vector, got ${a.baseline.vector ?? 'none'}`,
    )
  const metrics = new Map(
    a.baseline.vector
      .split('/')
      .slice(1)
      .map((part) => part.split(':') as [string, string]),
  )
  const out = {} as Record<BaselineMetric, string>
  for (const metric of BASELINE_METRICS) {
    const value = metrics.get(metric)
    if (value === undefined)
      throw new Error(`${metric} missing in ${a.baseline.vector}`)
    out[metric] = value
  }
  return out
}

export function metricRank(metric: BaselineMetric, value: string): number {
  const rank = METRIC_ORDER[metric].indexOf(value)
  if (rank < 0) throw new Error(`unknown value ${metric}:${value}`)
  return rank
}

export interface Drop {
  /** `factor <id>`, `metric <id>` or `score`. */
  readonly what: string
  readonly narrow: string
  readonly wide: string
  /** Why each side has its value: rules fired, the metric's reason. */
  readonly why: string
}

/**
 * Where the wider assessment is below the narrower one: any of the eleven
 * factors (both versions' ten), any derived baseline metric by severity,
 * the headline score.
 */
export function drops(narrow: AgentAssessment, wide: AgentAssessment): Drop[] {
  const out: Drop[] = []
  for (const id of FACTOR_IDS) {
    const n = narrow.allFactors[id]
    const w = wide.allFactors[id]
    if (w.value < n.value)
      out.push({
        what: `factor ${id} (${factorName(id, '0.8')})`,
        narrow: String(n.value),
        wide: String(w.value),
        why: `narrow [${n.rules.join(' ') || 'base'}] wide [${w.rules.join(' ') || 'base'}]`,
      })
  }
  const nm = baselineMetrics(narrow)
  const wm = baselineMetrics(wide)
  for (const metric of BASELINE_METRICS) {
    if (metricRank(metric, wm[metric]) < metricRank(metric, nm[metric]))
      out.push({
        what: `metric ${metric}`,
        narrow: nm[metric],
        wide: wm[metric],
        why: `narrow "${narrow.baseline.rationale[metric] ?? ''}" wide "${wide.baseline.rationale[metric] ?? ''}"`,
      })
  }
  if (wide.score < narrow.score)
    out.push({
      what: 'score',
      narrow: narrow.score.toFixed(1),
      wide: wide.score.toFixed(1),
      why: `narrow ${narrow.basis}, mitigation ${narrow.mitigation.factor}; wide ${wide.basis}, mitigation ${wide.mitigation.factor}`,
    })
  return out
}

/** Every factor and baseline metric that differs, for messages: `id a -> b`. */
export function differences(
  narrow: AgentAssessment,
  wide: AgentAssessment,
): string[] {
  const out: string[] = []
  for (const id of FACTOR_IDS) {
    const n = narrow.allFactors[id].value
    const w = wide.allFactors[id].value
    if (n !== w) out.push(`${id} ${n} -> ${w}`)
  }
  const nm = baselineMetrics(narrow)
  const wm = baselineMetrics(wide)
  for (const metric of BASELINE_METRICS)
    if (nm[metric] !== wm[metric])
      out.push(`${metric} ${nm[metric]} -> ${wm[metric]}`)
  return out
}

/** The fields of a profile that differ from an empty one, for messages. */
export function profileSummary(profile: AgentProfile): string {
  const shown: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(profile)) {
    if (['source', 'evidence', 'notes', 'context', 'name'].includes(key))
      continue
    if (value === undefined) continue
    if (Array.isArray(value) && value.length === 0) continue
    if (
      typeof value === 'object' &&
      !Array.isArray(value) &&
      value !== null &&
      Object.values(value).every(
        (v) => v === undefined || (Array.isArray(v) && v.length === 0),
      )
    )
      continue
    shown[key] = value
  }
  return JSON.stringify(shown)
}

/** The failure message: which steps, what fell, and the narrower profile. */
export function dropReport(
  title: string,
  steps: readonly string[],
  found: readonly Drop[],
  narrow: AgentProfile,
  settings: ScoringSettings,
): string {
  return [
    title,
    `steps: ${steps.join(' ; ')}`,
    `settings: ${JSON.stringify(settings)}`,
    ...found.map(
      (d) => `  ${d.what}: narrow ${d.narrow} -> wide ${d.wide}   (${d.why})`,
    ),
    `narrow profile: ${profileSummary(narrow)}`,
  ].join('\n')
}

/** Assesses both sides and throws a readable report where the wider falls. */
/**
 * Structure outranks prose: where the narrow agent's prose set a factor
 * ("orchestrates sub-agents", "executes actions") and the wide agent's
 * structure now speaks to it (sub-agents or tools stated), the prose is
 * silenced, by design. Such a pair is compared on what their structure
 * gives: both agents with prose that says nothing. Every other pair is
 * compared as it is.
 */
function structuralWhereOutranked(
  narrow: AgentAssessment,
  wide: AgentAssessment,
  settings: ScoringSettings,
): [AgentAssessment, AgentAssessment] {
  const outranked = FACTOR_IDS.some(
    (id) =>
      narrow.allFactors[id].textDerived && !wide.allFactors[id].textDerived,
  )
  if (!outranked) return [narrow, wide]
  return [
    assessAgent(withoutWording(narrow.profile), settings),
    assessAgent(withoutWording(wide.profile), settings),
  ]
}

/** The same agent with prose that says nothing (kept present, not removed). */
function withoutWording(profile: AgentProfile): AgentProfile {
  return {
    ...profile,
    ...(profile.description === undefined ? {} : { description: '-' }),
    ...(profile.instructions === undefined ? {} : { instructions: '-' }),
    skills: profile.skills.map((_, i) => ({ name: `skill-${i}` })),
  }
}

export function expectDominates(
  narrow: AgentProfile,
  wide: AgentProfile,
  steps: readonly string[],
  settings: ScoringSettings,
): { narrow: AgentAssessment; wide: AgentAssessment } {
  const [n, w] = structuralWhereOutranked(
    assessAgent(narrow, settings),
    assessAgent(wide, settings),
    settings,
  )
  const found = drops(n, w)
  if (found.length > 0)
    throw new Error(
      dropReport(
        'the wider agent scores below the narrower one',
        steps,
        found,
        narrow,
        settings,
      ),
    )
  return { narrow: n, wide: w }
}
