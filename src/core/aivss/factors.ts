/**
 * The agentic risk factors of OWASP AIVSS. Eleven distinct factors appear
 * across the two published versions; each version sums ten of them. The ids
 * are stable across versions so that policies and JSON reports do not change
 * meaning when the pinned version does.
 */
export const FACTOR_IDS = [
  'autonomyOfAction',
  'goalDrivenPlanning',
  'naturalLanguageInterface',
  'selfModification',
  'dynamicToolUse',
  'persistentMemory',
  'contextualAwareness',
  'dynamicIdentity',
  'multiAgentInteractions',
  'nonDeterminism',
  'opacityReflexivity',
] as const

export type FactorId = (typeof FACTOR_IDS)[number]

export const AIVSS_VERSIONS = ['0.8', '0.5'] as const
export type AivssVersion = (typeof AIVSS_VERSIONS)[number]
export const DEFAULT_AIVSS_VERSION: AivssVersion = '0.8'

/** Each version's factors, in the order that version presents them. */
export const VERSION_FACTORS: Readonly<
  Record<AivssVersion, readonly FactorId[]>
> = {
  // v0.5's "theoretical foundation" order, which the sample threat models use.
  '0.5': [
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
  ],
  // v0.8's calculation order.
  '0.8': [
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
  ],
}

export const FACTOR_NAMES: Readonly<
  Record<AivssVersion, Partial<Record<FactorId, string>>>
> = {
  '0.5': {
    autonomyOfAction: 'Autonomy of Action',
    goalDrivenPlanning: 'Goal-Driven Planning',
    selfModification: 'Self-Modification',
    dynamicToolUse: 'Dynamic Tool Use',
    persistentMemory: 'Persistent Memory',
    contextualAwareness: 'Contextual Awareness',
    dynamicIdentity: 'Dynamic Identity',
    multiAgentInteractions: 'Multi-Agent Interactions',
    nonDeterminism: 'Non-Determinism',
    opacityReflexivity: 'Opacity & Reflexivity',
  },
  '0.8': {
    autonomyOfAction: 'Execution Autonomy',
    dynamicToolUse: 'External Tool Control Surface',
    naturalLanguageInterface: 'Natural Language Interface',
    contextualAwareness: 'Contextual Awareness',
    nonDeterminism: 'Behavioral Non-Determinism',
    opacityReflexivity: 'Opacity & Reflexivity',
    persistentMemory: 'Persistent State Retention',
    dynamicIdentity: 'Dynamic Identity',
    multiAgentInteractions: 'Multi-Agent Interactions',
    selfModification: 'Self-Modification',
  },
}

/** A factor's display name, falling back to the other version's name. */
export function factorName(id: FactorId, version: AivssVersion): string {
  return (
    FACTOR_NAMES[version][id] ??
    FACTOR_NAMES['0.8'][id] ??
    FACTOR_NAMES['0.5'][id] ??
    id
  )
}

export function isFactorId(value: string): value is FactorId {
  return (FACTOR_IDS as readonly string[]).includes(value)
}

export type RubricLevel = 0 | 0.5 | 1

/**
 * The three-point rubric both versions define. Continuous values snap to the
 * nearest level; a value exactly between two levels goes up.
 */
export function rubricLevel(value: number): RubricLevel {
  if (value < 0.25) return 0
  if (value < 0.75) return 0.5
  return 1
}

/** What each rubric level means, paraphrased from the v0.8 rubric. */
export const RUBRIC: Readonly<
  Record<FactorId, readonly [string, string, string]>
> = {
  autonomyOfAction: [
    'a human approves every action',
    'acts alone only on non-critical or sandboxed paths',
    'acts alone on production or critical systems',
  ],
  goalDrivenPlanning: [
    'follows fixed instructions',
    'plans short multi-step tasks within a given goal',
    'breaks open goals into its own plans and re-plans',
  ],
  naturalLanguageInterface: [
    'structured inputs only',
    'natural language for retrieval or answers, not for actions',
    'natural language drives planning and tool calls',
  ],
  selfModification: [
    'static configuration',
    'can change its own prompts, memory or configuration',
    'can change its tools or control flow, or write and run code',
  ],
  dynamicToolUse: [
    'no tools, or read-only ones',
    'a scoped mix of read and write tools',
    'broad, high-authority tools (shell, cloud, SQL, payments)',
  ],
  persistentMemory: [
    'stateless',
    'session memory only',
    'long-term memory across sessions',
  ],
  contextualAwareness: [
    'no environmental input',
    'narrow, curated context',
    'broad environment and data context drive decisions',
  ],
  dynamicIdentity: [
    'one fixed identity',
    'limited, per-tool scoped identity changes',
    'assumes roles or crosses tenants at run time',
  ],
  multiAgentInteractions: [
    'works alone',
    'limited coordination with one or two known agents',
    'orchestration, swarms or delegation chains',
  ],
  nonDeterminism: [
    'rule-based or fixed seed',
    'bounded variance under strict guardrails',
    'high variance with weak guards',
  ],
  opacityReflexivity: [
    'every action is traced and logged',
    'partial logs',
    'cannot trace why an action happened',
  ],
}
