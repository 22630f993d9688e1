/**
 * The conformance vectors of ../shared/spec/aivss.md (OWASP AIVSS v0.8 §3.6
 * worked examples and v0.5 §4.2), kept as data for the tests.
 */

/** Factor values in v0.8 calculation order. */
export const V08_ORDER = [
  'autonomyOfAction',
  'dynamicToolUse',
  'naturalLanguageInterface',
  'contextualAwareness',
  'nonDeterminism',
  'opacityReflexivity',
  'persistentMemory',
  'dynamicIdentity',
  'multiAgentInteractions',
  'selfModification',
] as const

export interface V08Case {
  readonly name: string
  readonly vector: string
  readonly cvss: number
  readonly factors: readonly number[]
  readonly factorSum: number
  readonly aivss: number
  readonly severity: string
}

export const V08_CASES: readonly V08Case[] = [
  {
    name: 'tool-misuse',
    vector: 'AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
    cvss: 9.4,
    factors: [1, 1, 1, 1, 1, 1, 0.5, 1, 1, 0.5],
    factorSum: 9.0,
    aivss: 9.9,
    severity: 'critical',
  },
  {
    name: 'access-control',
    vector: 'AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    cvss: 8.7,
    factors: [1, 1, 1, 1, 0.5, 1, 1, 1, 0.5, 0],
    factorSum: 8.0,
    aivss: 9.7,
    severity: 'critical',
  },
  {
    name: 'cascading-failures',
    vector: 'AV:N/AC:H/AT:N/PR:L/UI:N/VC:N/VI:N/VA:H/SC:N/SI:H/SA:H',
    cvss: 7.1,
    factors: [1, 0.5, 1, 1, 1, 1, 0.5, 0.5, 1, 0.5],
    factorSum: 8.0,
    aivss: 9.4,
    severity: 'critical',
  },
  {
    name: 'orchestration',
    vector: 'AV:A/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
    cvss: 9.4,
    factors: [1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5],
    factorSum: 9.5,
    aivss: 10.0,
    severity: 'critical',
  },
  {
    name: 'identity-impersonation',
    vector: 'AV:N/AC:H/AT:N/PR:N/UI:A/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N',
    cvss: 7.4,
    factors: [1, 1, 1, 1, 1, 1, 0, 1, 0.5, 0],
    factorSum: 7.5,
    aivss: 9.3,
    severity: 'critical',
  },
  {
    name: 'memory-manipulation',
    vector: 'AV:A/AC:H/AT:N/PR:H/UI:N/VC:L/VI:H/VA:L/SC:N/SI:N/SA:N',
    cvss: 5.8,
    factors: [1, 0.5, 1, 1, 0.5, 1, 1, 0, 0.5, 1],
    factorSum: 7.5,
    aivss: 8.9,
    severity: 'high',
  },
  {
    name: 'critical-systems',
    vector: 'AV:A/AC:L/AT:N/PR:H/UI:N/VC:N/VI:H/VA:H/SC:N/SI:N/SA:N',
    cvss: 6.9,
    factors: [1, 1, 0.5, 1, 0.5, 1, 0.5, 0, 1, 1],
    factorSum: 7.5,
    aivss: 9.2,
    severity: 'critical',
  },
  {
    name: 'supply-chain',
    vector: 'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    cvss: 9.3,
    factors: [1, 1, 0, 0, 1, 1, 0.5, 1, 1, 0],
    factorSum: 6.5,
    aivss: 9.7,
    severity: 'critical',
  },
  {
    name: 'untraceability',
    vector: 'AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N',
    cvss: 5.3,
    factors: [1, 1, 0, 0, 1, 1, 0.5, 0.5, 1, 0.5],
    factorSum: 6.5,
    aivss: 8.3,
    severity: 'high',
  },
  {
    name: 'goal-manipulation',
    vector: 'AV:N/AC:H/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N',
    cvss: 2.1,
    factors: [0.5, 0, 1, 1, 1, 1, 1, 0, 0, 1],
    factorSum: 6.5,
    aivss: 7.1,
    severity: 'high',
  },
]

/** v0.5: (C, stated AARS) → AIVSS at ThM 0.97, with a vector that scores C. */
export const V05_CASES: ReadonlyArray<{
  readonly vector: string
  readonly cvss: number
  readonly aars: number
  readonly aivss: number
}> = [
  {
    vector: 'AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
    cvss: 9.4,
    aars: 8.5,
    aivss: 8.7,
  },
  {
    vector: 'AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    cvss: 8.7,
    aars: 7.0,
    aivss: 7.6,
  },
  {
    vector: 'AV:N/AC:H/AT:N/PR:L/UI:N/VC:N/VI:N/VA:H/SC:N/SI:H/SA:H',
    cvss: 7.1,
    aars: 7.5,
    aivss: 7.1,
  },
  {
    vector: 'AV:A/AC:L/AT:N/PR:H/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:H',
    cvss: 8.3,
    aars: 6.5,
    aivss: 7.2,
  },
  {
    vector: 'AV:N/AC:H/AT:N/PR:N/UI:A/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N',
    cvss: 7.4,
    aars: 5.5,
    aivss: 6.3,
  },
  {
    vector: 'AV:A/AC:H/AT:N/PR:H/UI:N/VC:L/VI:H/VA:L/SC:N/SI:N/SA:N',
    cvss: 5.8,
    aars: 6.0,
    aivss: 5.7,
  },
  {
    vector: 'AV:A/AC:L/AT:N/PR:H/UI:N/VC:N/VI:H/VA:H/SC:N/SI:N/SA:N',
    cvss: 6.9,
    aars: 5.0,
    aivss: 5.8,
  },
  {
    vector: 'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    cvss: 9.3,
    aars: 1.0,
    aivss: 5.0,
  },
  {
    vector: 'AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N',
    cvss: 5.3,
    aars: 4.5,
    aivss: 4.8,
  },
  {
    vector: 'AV:N/AC:H/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N',
    cvss: 2.1,
    aars: 4.0,
    aivss: 3.0,
  },
  {
    vector: 'AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
    cvss: 9.4,
    aars: 7.5,
    aivss: 8.2,
  },
]

export const V05_ORDER = [
  'autonomyOfAction',
  'goalDrivenPlanning',
  'selfModification',
  'dynamicToolUse',
  'persistentMemory',
  'contextualAwareness',
  'dynamicIdentity',
  'multiAgentInteractions',
  'nonDeterminism',
  'opacityReflexivity',
] as const

/** Ten rubric values (1, 0.5, 0) that sum to `total`, for v0.5's stated AARS. */
export function factorsSumming(total: number): number[] {
  const values: number[] = []
  let left = total
  for (let i = 0; i < 10; i++) {
    const value = left >= 1 ? 1 : left >= 0.5 ? 0.5 : 0
    values.push(value)
    left = Math.round((left - value) * 10) / 10
  }
  if (left !== 0) throw new Error(`cannot make ${total} from ten rubric values`)
  return values
}

/** The two expert estimates of ../shared/seeds, in v0.5 order. */
export const SEEDS = {
  'bella-twin': [0.8, 0.7, 0.1, 0.6, 0.4, 0.5, 0.1, 0.8, 0.6, 0.7],
  'twilio-ai-assistants': [0.8, 0.7, 0.3, 0.8, 0.9, 0.9, 0.5, 0.8, 0.6, 0.5],
} as const
