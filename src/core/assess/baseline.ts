import { formatCvssVector } from '../aivss/cvss.js'
import type { AgentProfile } from '../profile/schema.js'
import { ProfileFacts, type SignalId } from '../signals/signals.js'

/**
 * The baseline CVSS v4.0 vector of an agent: the severity of its reference
 * vulnerability, being steered through its inputs (prompt injection, goal
 * hijack — OWASP ASI01), as far as the manifest shows it. Where untrusted
 * input comes from and who must act decides how it is reached (AV, AC, AT,
 * PR, UI); its own tools what a steered agent can read, change or break (VC,
 * VI, VA); what it reaches beyond itself the subsequent-system impact (SC,
 * SI, SA).
 *
 * Kept as data. Each metric's rows run from its most severe value to its
 * least, and the first row whose signal fires (and none of whose `unless`
 * controls is declared) decides: the most severe value that applies. A
 * capability can only make more rows fire, and a declared control can only
 * switch rows off, so more capability never lowers a metric and a control
 * never raises one. The last row of a metric has no signal: what holds when
 * nothing above applies.
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

/** Each metric's values, least severe first (CVSS v4.0 specification). */
export const METRIC_SEVERITY: Readonly<
  Record<BaselineMetric, readonly string[]>
> = {
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

export interface BaselineRule {
  readonly metric: BaselineMetric
  /** Undefined for the metric's last row. */
  readonly signal?: SignalId
  /** Declared controls that switch the row off. */
  readonly unless?: readonly SignalId[]
  readonly value: string
  readonly because: string
}

type Row = readonly [
  signal: SignalId | 'otherwise',
  value: string,
  because: string,
  unless?: readonly SignalId[],
]

function rows(metric: BaselineMetric, table: readonly Row[]): BaselineRule[] {
  return table.map(([signal, value, because, unless]) => ({
    metric,
    signal: signal === 'otherwise' ? undefined : signal,
    unless,
    value,
    because,
  }))
}

const AUTH: readonly SignalId[] = ['auth.declared']
const SANDBOX: readonly SignalId[] = ['control.sandbox']

// prettier-ignore
export const BASELINE_RULES: readonly BaselineRule[] = [
  ...rows('AV', [
    ['exposure.public', 'N', 'reachable from the internet'],
    ['exposure.channel', 'N', 'people reach it over open channels'],
    ['content.untrusted', 'N', 'whoever writes what it reads can steer it from the network'],
    ['exposure.unstated', 'N', 'assumed reachable over the network'],
    ['exposure.internal', 'A', 'reachable only from an internal network'],
    ['agents.child', 'A', 'only the agent that delegates to it sends it work'],
    ['otherwise', 'L', 'it runs on its user\'s machine and reads only what is there: hostile content must reach that machine first'],
  ]),
  ...rows('AC', [
    ['exposure.unscreened', 'L', 'nothing declared screens what reaches it'],
    ['exposure.structured', 'H', 'declared input filtering makes steering it harder'],
    ['otherwise', 'H', 'declared guardrails screen what reaches it'],
  ]),
  ...rows('AT', [
    ['exposure.notLocal', 'N', 'no deployment condition stands in the way'],
    ['otherwise', 'P', 'it runs locally: the hostile content must first be placed where it will read it'],
  ]),
  ...rows('PR', [
    ['auth.none', 'N', 'it takes input without authentication'],
    ['content.untrusted', 'N', 'whoever writes the content it reads needs no account with it'],
    ['exposure.public', 'N', 'anyone on the internet can send it input', AUTH],
    ['exposure.channel', 'N', 'anyone on its channels can send it input', AUTH],
    ['exposure.unstated', 'N', 'assumed that whoever can send it content can steer it', AUTH],
    ['auth.declared', 'L', 'callers must authenticate'],
    ['exposure.internal', 'L', 'only internal users reach it'],
    ['agents.child', 'L', 'only the agent that delegates to it sends it work'],
    ['otherwise', 'L', 'only its local user runs it'],
  ]),
  ...rows('UI', [
    ['exposure.public', 'N', 'an attacker can message it directly'],
    ['exposure.channel', 'N', 'an attacker can message it directly'],
    ['autonomy.unattended', 'N', 'it runs unattended, so nobody needs to act'],
    ['content.untrusted', 'P', 'someone must start it on content others wrote'],
    ['exposure.notLocal', 'P', 'a user must bring the hostile input into a session'],
    ['otherwise', 'A', 'its user must bring hostile content onto the machine and run it on that content'],
  ]),
  ...rows('VC', [
    ['data.exposed', 'H', 'a steered agent can send out the private data it reads'],
    ['data.private', 'L', 'it reads private data but has no unchecked way to send it out'],
    ['otherwise', 'N', 'it reads no data: its instructions are not secrets (OWASP LLM07)'],
  ]),
  ...rows('VI', [
    ['tools.sideEffectsUnapproved', 'H', 'a steered agent changes things with no human in the way'],
    ['tools.sideEffects', 'L', 'its changes wait for a human'],
    ['memory.writable', 'L', 'a steered agent can corrupt what it remembers'],
    ['otherwise', 'N', 'it changes nothing: its answers are its only output'],
  ]),
  ...rows('VA', [
    ['tools.destructive', 'H', 'a steered agent can break what it runs on', SANDBOX],
    ['tools.destructive', 'L', 'a sandbox contains what its tools can break'],
    ['tools.sideEffectsUnapproved', 'L', 'a steered agent can disrupt what its tools touch'],
    ['tools.destructiveAny', 'L', 'its tools could break what they run on, but a human approves each call'],
    ['otherwise', 'N', 'nothing it can do makes it unavailable'],
  ]),
  ...rows('SC', [
    ['reach.dataStoresExposed', 'H', 'data in those systems can leak through it'],
    ['reach.dataStores', 'L', 'it reads other systems\' data but has no unchecked way to send it out'],
    ['agents.any', 'L', 'other agents take its output as input'],
    ['reach.external', 'L', 'it can send data to outside services'],
    ['otherwise', 'N', 'it reaches nothing beyond itself'],
  ]),
  ...rows('SI', [
    ['reach.writesBeyond', 'H', 'a steered agent corrupts those systems'],
    ['reach.writesBeyondAny', 'L', 'its changes to other systems wait for a human'],
    ['agents.any', 'L', 'a steered agent passes steered work on'],
    ['tools.sideEffectsUnapproved', 'L', 'its changes can travel to other systems'],
    ['otherwise', 'N', 'it changes nothing beyond itself'],
  ]),
  ...rows('SA', [
    ['reach.writesBeyond', 'H', 'it can take down the systems its tools reach', SANDBOX],
    ['reach.writesBeyond', 'L', 'a sandbox keeps its tools away from other systems'],
    ['tools.destructive', 'L', 'what it runs can disrupt systems its host reaches'],
    ['reach.writesBeyondAny', 'L', 'bad writes can disrupt other systems, though a human approves each'],
    ['otherwise', 'N', 'it cannot disrupt other systems'],
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
      if (rule.unless?.some((id) => facts.signal(id) !== undefined)) continue
      metrics.set(metric, rule.value)
      rationale[metric] =
        `${metric}:${rule.value} - ${evidence ? `${evidence}: ` : ''}${rule.because}`
      break
    }
  }
  return { vector: formatCvssVector(metrics), rationale }
}
