import { formatCvssVector } from '../aivss/cvss.js'
import type { AgentProfile } from '../profile/schema.js'
import { ProfileFacts, type SignalId } from '../signals/signals.js'

/**
 * The baseline CVSS v4.0 vector of an agent: the severity of its reference
 * vulnerability, being steered through its inputs (prompt injection, goal
 * hijack — OWASP ASI01), as far as the manifest shows it. Exposure decides
 * how it is reached (AV, AC, AT, PR, UI), its own tools what a steered agent
 * can read, change or break (VC, VI, VA), and what it reaches beyond itself
 * the subsequent-system impact (SC, SI, SA).
 *
 * Kept as data: for each metric, the first row whose signal fires decides
 * the value, and its reason goes into the report. The last row of a metric
 * has no signal and says what is assumed when the manifest is silent.
 */

export const BASELINE_METRICS = [
  'AV',
  'AC',
  'AT',
  'PR',
  'UI',
  'VC',
  'VI',
  'VA',
  'SC',
  'SI',
  'SA',
] as const
export type BaselineMetric = (typeof BASELINE_METRICS)[number]

export interface BaselineRule {
  readonly metric: BaselineMetric
  /** Undefined for the metric's default row. */
  readonly signal?: SignalId
  /** A second signal that must fire too. */
  readonly also?: SignalId
  readonly value: string
  readonly because: string
}

type Row = readonly [
  signal: SignalId | 'default',
  value: string,
  because: string,
  also?: SignalId,
]

function rows(metric: BaselineMetric, table: readonly Row[]): BaselineRule[] {
  return table.map(([signal, value, because, also]) => ({
    metric,
    signal: signal === 'default' ? undefined : signal,
    also,
    value,
    because,
  }))
}

// prettier-ignore
export const BASELINE_RULES: readonly BaselineRule[] = [
  ...rows('AV', [
    ['exposure.public', 'N', 'reachable from the internet'],
    ['exposure.channel', 'N', 'people reach it over open channels'],
    ['exposure.internal', 'A', 'reachable only from an internal network'],
    ['agents.child', 'A', 'only the agent that delegates to it sends it work'],
    ['exposure.local', 'L', 'runs on a local machine (CLI or IDE): hostile content must reach that machine first'],
    ['default', 'N', 'not stated: assumed reachable over the network'],
  ]),
  ...rows('AC', [
    ['exposure.structured', 'H', 'declared input filtering makes steering it harder'],
    ['control.guardrails', 'H', 'declared guardrails screen what reaches it'],
    ['default', 'L', 'no input filtering or guardrails declared'],
  ]),
  ...rows('AT', [
    ['exposure.local', 'P', 'the hostile content must first be placed where it will read it'],
    ['default', 'N', 'no deployment condition stands in the way'],
  ]),
  ...rows('PR', [
    ['auth.none', 'N', 'it takes input without authentication'],
    ['auth.declared', 'L', 'callers must authenticate'],
    ['exposure.public', 'N', 'anyone on the internet can send it input'],
    ['exposure.channel', 'N', 'anyone on its channels can send it input'],
    ['exposure.internal', 'L', 'only internal users reach it'],
    ['agents.child', 'L', 'only the agent that delegates to it sends it work'],
    ['exposure.local', 'L', 'only the local user runs it'],
    ['default', 'N', 'not stated: assumed that whoever can send it content can steer it'],
  ]),
  ...rows('UI', [
    ['exposure.untrusted', 'N', 'it reads content others wrote, so indirect injection needs nobody to act'],
    ['content.untrusted', 'N', 'it pulls in content others wrote, so indirect injection needs nobody to act'],
    ['autonomy.unattended', 'N', 'it runs unattended, so nobody needs to act'],
    ['exposure.public', 'N', 'an attacker can message it directly'],
    ['exposure.channel', 'N', 'an attacker can message it directly'],
    ['default', 'P', 'a user must bring the hostile input into a session'],
  ]),
  ...rows('VC', [
    ['data.private', 'H', 'a steered agent can disclose what it reads'],
    ['tools.context', 'L', 'it reads content of limited sensitivity'],
    ['default', 'L', 'its instructions and conversation can leak'],
  ]),
  ...rows('VI', [
    ['tools.sideEffectsUnapproved', 'H', 'a steered agent changes things with no human in the way'],
    ['tools.sideEffects', 'L', 'its changes wait for a human'],
    ['default', 'L', 'steered answers mislead the people who read them'],
  ]),
  ...rows('VA', [
    // A sandbox lowers what its tools could break; with nothing to break
    // it raises nothing either (declaring one off must never lower a score).
    ['control.sandbox', 'L', 'a sandbox contains what its tools can break', 'tools.destructive'],
    ['tools.destructive', 'H', 'a steered agent can break what it runs on'],
    ['tools.sideEffectsUnapproved', 'L', 'a steered agent can disrupt what its tools touch'],
    ['default', 'N', 'nothing it can do makes it unavailable'],
  ]),
  ...rows('SC', [
    ['reach.dataStores', 'H', 'data in those systems can leak through it'],
    ['agents.any', 'L', 'other agents take its output as input'],
    ['reach.external', 'L', 'it can send data to outside services'],
    ['default', 'N', 'it reaches nothing beyond itself'],
  ]),
  ...rows('SI', [
    ['reach.writesBeyond', 'H', 'a steered agent corrupts those systems'],
    ['agents.any', 'L', 'a steered agent passes steered work on'],
    ['tools.sideEffectsUnapproved', 'L', 'its changes land in other systems'],
    ['default', 'N', 'it changes nothing beyond itself'],
  ]),
  ...rows('SA', [
    ['control.sandbox', 'L', 'a sandbox keeps its tools away from other systems', 'tools.destructive'],
    ['tools.destructive', 'H', 'it can take down the systems its tools reach'],
    ['reach.writesBeyond', 'L', 'bad writes can disrupt other systems'],
    ['default', 'N', 'it cannot disrupt other systems'],
  ]),
]

export interface DerivedBaseline {
  readonly vector: string
  /** Metric → why it has its value, citing the evidence. */
  readonly rationale: Readonly<Record<string, string>>
}

/** Derives the baseline vector of a profile from the rule table. */
export function deriveBaseline(
  profile: AgentProfile,
  facts = new ProfileFacts(profile),
): DerivedBaseline {
  const metrics = new Map<string, string>()
  const rationale: Record<string, string> = {}
  for (const metric of BASELINE_METRICS) {
    for (const rule of BASELINE_RULES.filter((r) => r.metric === metric)) {
      const evidence = rule.signal ? facts.signal(rule.signal) : ''
      if (evidence === undefined) continue
      if (rule.also && facts.signal(rule.also) === undefined) continue
      metrics.set(metric, rule.value)
      rationale[metric] =
        `${metric}:${rule.value} - ${evidence ? `${evidence}: ` : ''}${rule.because}`
      break
    }
  }
  return { vector: formatCvssVector(metrics), rationale }
}
