import { globMatches } from '../glob/glob.js'
import type { FactorId } from '../aivss/factors.js'
import {
  SEVERITY_LABELS,
  severityRank,
  type Severity,
} from '../aivss/severity.js'
import type { AgentAssessment } from '../assess/assess-agent.js'
import type { ToolKind } from '../profile/schema.js'
import {
  controlInEffect as hasControl,
  controlState,
} from '../profile/controls.js'
import {
  increased,
  isNew,
  newTools,
  newUnapprovedTools,
  removedControls,
  type RatchetContext,
} from './ratchet.js'
import type { Comparison, SeverityComparison, When } from './schema.js'

/**
 * How each condition of a rule's `when` is tested, and how a match is put
 * into words ("multiAgentInteractions 0.80 > 0.70", "no guardrails
 * declared"). A rule matches when every condition it names matches.
 */

export interface ConditionOutcome {
  readonly matched: boolean
  /** What was measured against what; shown when the rule matches. */
  readonly because: string
}

type Evaluator<K extends keyof When> = (
  agent: AgentAssessment,
  value: NonNullable<When[K]>,
  context: RatchetContext,
) => ConditionOutcome

const OPS = [
  ['gt', '>', (a: number, b: number) => a > b],
  ['gte', '>=', (a: number, b: number) => a >= b],
  ['lt', '<', (a: number, b: number) => a < b],
  ['lte', '<=', (a: number, b: number) => a <= b],
] as const

function compare(
  label: string,
  value: number,
  comparison: Comparison,
  digits: number,
): ConditionOutcome {
  const parts: string[] = []
  let matched = true
  for (const [key, symbol, test] of OPS) {
    const bound = comparison[key]
    if (bound === undefined) continue
    matched &&= test(value, bound)
    parts.push(`${symbol} ${bound.toFixed(digits)}`)
  }
  return {
    matched,
    because: `${label} ${value.toFixed(digits)} ${parts.join(' and ')}`,
  }
}

function compareSeverity(
  severity: Severity,
  comparison: SeverityComparison,
): ConditionOutcome {
  const rank = severityRank(severity)
  const tests: Array<
    [Severity | undefined, string, (a: number, b: number) => boolean]
  > = [
    [comparison.eq, '=', (a, b) => a === b],
    [comparison.gt, '>', (a, b) => a > b],
    [comparison.gte, '>=', (a, b) => a >= b],
    [comparison.lt, '<', (a, b) => a < b],
    [comparison.lte, '<=', (a, b) => a <= b],
  ]
  const parts: string[] = []
  let matched = true
  for (const [bound, symbol, test] of tests) {
    if (bound === undefined) continue
    matched &&= test(rank, severityRank(bound))
    parts.push(`${symbol} ${SEVERITY_LABELS[bound]}`)
  }
  return {
    matched,
    because: `severity ${SEVERITY_LABELS[severity]} ${parts.join(' and ')}`,
  }
}

const EVALUATORS: { [K in keyof When]-?: Evaluator<K> } = {
  score: (agent, c) => compare('score', agent.score, c, 1),
  'agentic-score': (agent, c) =>
    compare('agent-only score', agent.agentic.score, c, 1),
  factors: (agent, factors) => {
    const outcomes = (
      Object.entries(factors) as Array<[FactorId, Comparison | undefined]>
    )
      .filter(
        (entry): entry is [FactorId, Comparison] => entry[1] !== undefined,
      )
      .map(([id, c]) => compare(id, agent.allFactors[id].value, c, 2))
    return {
      matched: outcomes.every((o) => o.matched),
      because: outcomes.map((o) => o.because).join(' and '),
    }
  },
  severity: (agent, c) => compareSeverity(agent.severity, c),
  controls: (agent, controls) => ({
    matched: controls.every((c) => hasControl(agent.profile, c)),
    because: `${controls.join(', ')} declared`,
  }),
  'missing-controls': (agent, controls) => ({
    matched: controls.every((c) => !hasControl(agent.profile, c)),
    because: controls.map((c) => controlState(agent.profile, c)).join(' and '),
  }),
  tools: (agent, kinds) => {
    const { profile } = agent
    const tools = profile.tools.filter((t) =>
      (kinds as string[]).includes(t.kind),
    )
    if (tools.length > 0) {
      const shown = tools.slice(0, 3).map((t) => `${t.name} (${t.kind})`)
      return {
        matched: true,
        because: `tools ${shown.join(', ')}${tools.length > 3 ? ', ...' : ''}`,
      }
    }
    return profile.allTools
      ? {
          matched: true,
          because: `every tool of its host, including ${(kinds as ToolKind[]).join(', ')}`,
        }
      : {
          matched: false,
          because: `no ${(kinds as string[]).join(' or ')} tools`,
        }
  },
  'all-tools': (agent, value) => ({
    matched: (agent.profile.allTools === true) === value,
    because: agent.profile.allTools
      ? 'the tool list is open (every tool of its host)'
      : 'the tool list is closed',
  }),
  formats: (agent, formats) => ({
    matched: formats.includes(agent.profile.format),
    because: `format ${agent.profile.format}`,
  }),
  paths: (agent, globs) => {
    const glob = globs.find((g) => globMatches(g, agent.profile.source.file))
    return {
      matched: glob !== undefined,
      because: `${agent.profile.source.file} matches ${glob ?? globs.join(', ')}`,
    }
  },
  agents: (agent, names) => ({
    matched: names.includes(agent.profile.name),
    because: `agent ${agent.profile.name}`,
  }),
  declared: (agent, value) => {
    const declared = agent.factors.some((f) => f.declared)
    return {
      matched: declared === value,
      because: declared ? 'factor values declared' : 'factor values estimated',
    }
  },
  new: (_agent, value, context) => isNew(value, context),
  increased: (agent, amounts, context) => increased(agent, amounts, context),
  'new-tools': (_agent, kinds, context) => newTools(kinds, context),
  'new-unapproved-tools': (_agent, kinds, context) =>
    newUnapprovedTools(kinds, context),
  'removed-controls': (agent, controls, context) =>
    removedControls(agent, controls, context),
  threats: (agent, ids) => {
    const threats = [
      ...agent.threatModel.layers.flatMap((l) => l.threats),
      ...agent.threatModel.crossLayer,
    ]
    const found = threats.find((t) =>
      ids.some((id) => t.ids.some((label) => label.startsWith(`${id} `))),
    )
    return found
      ? {
          matched: true,
          because: `threat model lists ${ids.filter((id) => found.ids.some((l) => l.startsWith(`${id} `))).join(', ')} (${found.label})`,
        }
      : {
          matched: false,
          because: `threat model lists none of ${ids.join(', ')}`,
        }
  },
}

/** Tests every condition of `when`; the rule matches when all do. */
export function testConditions(
  agent: AgentAssessment,
  when: When,
  context: RatchetContext = {},
): { matched: boolean; message: string } {
  const outcomes: ConditionOutcome[] = []
  for (const key of Object.keys(when) as Array<keyof When>) {
    const value = when[key]
    if (value === undefined) continue
    const evaluate = EVALUATORS[key] as (
      agent: AgentAssessment,
      value: unknown,
      context: RatchetContext,
    ) => ConditionOutcome
    const outcome = evaluate(agent, value, context)
    if (!outcome.matched) return { matched: false, message: outcome.because }
    outcomes.push(outcome)
  }
  return {
    matched: true,
    message: outcomes.map((o) => o.because).join(' and '),
  }
}
