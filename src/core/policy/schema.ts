import { z } from 'zod'
import { AIVSS_VERSIONS, FACTOR_IDS, type FactorId } from '../aivss/factors.js'
import { THREAT_LEVELS } from '../aivss/multipliers.js'
import { FACTOR_SCALES } from '../aivss/settings.js'
import { SEVERITIES } from '../aivss/severity.js'
import { ASI_RISKS, OWASP_THREATS } from '../maestro/catalog.js'
import { GlobSchema } from '../glob/schema.js'
import { ControlSchema } from '../profile/schema.js'
import { normalizeToolKind, TOOL_KIND_HELP } from '../profile/tool-kinds.js'

/**
 * The policy file, version 1. Strict everywhere: an unknown key, factor id,
 * control or tool kind is an error rather than a rule that silently never
 * matches. `schema/policy.schema.json` is generated from this schema.
 */
export const POLICY_SCHEMA_ID = 'urn:aivss-gate:schema:policy:v1'

const inRange = (min: number, max: number): z.ZodNumber =>
  z.number().min(min).max(max)

/** Bounds a value must stay within: every bound given must hold. */
export interface Comparison {
  readonly gt?: number | undefined
  readonly gte?: number | undefined
  readonly lt?: number | undefined
  readonly lte?: number | undefined
}

function comparison(min: number, max: number): z.ZodType<Comparison> {
  return z
    .strictObject({
      gt: inRange(min, max).optional(),
      gte: inRange(min, max).optional(),
      lt: inRange(min, max).optional(),
      lte: inRange(min, max).optional(),
    })
    .refine((c) => Object.keys(c).length > 0, {
      message: 'needs at least one of gt, gte, lt, lte',
    })
    .describe(
      `Comparison with values from ${min} to ${max}; every bound given must hold.`,
    )
}

export const ScoreComparisonSchema = comparison(0, 10)
export const FactorComparisonSchema = comparison(0, 1)

const severity = z.enum(SEVERITIES)
export const SeverityComparisonSchema = z
  .strictObject({
    eq: severity.optional(),
    gt: severity.optional(),
    gte: severity.optional(),
    lt: severity.optional(),
    lte: severity.optional(),
  })
  .refine((c) => Object.keys(c).length > 0, {
    message: 'needs at least one of eq, gt, gte, lt, lte',
  })
export type SeverityComparison = z.infer<typeof SeverityComparisonSchema>

const ToolKindInput = z
  .string()
  .refine((kind) => normalizeToolKind(kind) !== undefined, {
    message: `unknown tool kind; use one of ${TOOL_KIND_HELP}`,
  })

const Glob = GlobSchema.describe(
  'A glob relative to the scan root, e.g. agents/legacy/**',
)

const THREAT_IDS = [
  ...Object.keys(ASI_RISKS),
  ...Object.keys(OWASP_THREATS),
] as [string, ...string[]]

const FactorConditions = z.strictObject(
  Object.fromEntries(
    FACTOR_IDS.map((id) => [id, FactorComparisonSchema.optional()]),
  ) as Record<FactorId, z.ZodOptional<typeof FactorComparisonSchema>>,
)

/** How much a value must have risen since the base: the score (0–10) or factors (0–1). */
const IncreaseSchema = z
  .strictObject({
    score: z
      .number()
      .positive()
      .max(10)
      .optional()
      .describe('The headline score rose by at least this much (0–10).'),
    ...(Object.fromEntries(
      FACTOR_IDS.map((id) => [
        id,
        z
          .number()
          .positive()
          .max(1)
          .optional()
          .describe(`${id} rose by at least this much (0–1).`),
      ]),
    ) as Record<FactorId, z.ZodOptional<z.ZodNumber>>),
  })
  .refine((c) => Object.keys(c).length > 0, {
    message: 'needs score or a factor id',
  })
export type Increase = z.infer<typeof IncreaseSchema>

/**
 * Conditions about what the pull request changed, judged against the base
 * (a git base or a baseline file). Without one they never match, so a
 * policy built on them fails only what a pull request makes worse.
 */
const RatchetConditions = {
  new: z
    .boolean()
    .optional()
    .describe(
      'true: only agents this pull request adds (not in the base); false: only agents the base has too. Needs a base to compare with.',
    ),
  increased: IncreaseSchema.optional().describe(
    'The score or factor values rose since the base by at least the amounts given (all must hold), e.g. { score: 0.5 } or { multiAgentInteractions: 0.2 }. Agents the pull request adds have no earlier value and do not match.',
  ),
  'new-tools': z
    .array(ToolKindInput)
    .min(1)
    .optional()
    .describe(
      'The pull request gives the agent a tool of any of these kinds: a tool it did not have in the base (every tool of an added agent), or an opened tool list.',
    ),
  'new-unapproved-tools': z
    .array(ToolKindInput)
    .min(1)
    .optional()
    .describe(
      'The pull request lets a tool of any of these kinds change things with no human approving it, where the base did not: a new tool without approval, an approval taken away (a bypass mode, an allow rule), or an opened tool list with no approval.',
    ),
  'removed-controls': z
    .array(ControlSchema)
    .min(1)
    .optional()
    .describe(
      'Any of these controls was in effect in the base and no longer is (removed, declared off or no longer stated).',
    ),
}

export const WhenSchema = z
  .strictObject({
    score: ScoreComparisonSchema.optional().describe(
      'The headline AIVSS score.',
    ),
    'agentic-score': ScoreComparisonSchema.optional().describe(
      'The agent-only score.',
    ),
    factors: FactorConditions.optional().describe(
      'Factor id → comparison; all must hold.',
    ),
    severity: SeverityComparisonSchema.optional().describe(
      'The headline severity band (none, low, medium, high, critical).',
    ),
    controls: z
      .array(ControlSchema)
      .min(1)
      .optional()
      .describe('Controls that must all be declared.'),
    'missing-controls': z
      .array(ControlSchema)
      .min(1)
      .optional()
      .describe(
        'Controls that must all be not declared (not stated or declared off).',
      ),
    tools: z
      .array(ToolKindInput)
      .min(1)
      .optional()
      .describe('The agent has a tool of any of these kinds.'),
    'all-tools': z
      .boolean()
      .optional()
      .describe(
        'The manifest leaves the tool list open (every tool of the host).',
      ),
    formats: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Manifest format ids.'),
    paths: z
      .array(Glob)
      .min(1)
      .optional()
      .describe('The manifest path matches any of these globs.'),
    agents: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('The agent has one of these names.'),
    declared: z
      .boolean()
      .optional()
      .describe(
        'true: some factor values are declared; false: all are estimated.',
      ),
    threats: z
      .array(z.enum(THREAT_IDS))
      .min(1)
      .optional()
      .describe(
        'The threat model lists any of these OWASP ids (ASI01–ASI10, T1–T17).',
      ),
    ...RatchetConditions,
  })
  .refine((when) => Object.keys(when).length > 0, {
    message: 'needs at least one condition',
  })
export type When = z.infer<typeof WhenSchema>

export const RULE_ACTIONS = ['fail', 'warn', 'off'] as const

/** What a policy judges when there is a base: the change, or everything. */
export const POLICY_SCOPES = ['change', 'all'] as const
export type PolicyScope = (typeof POLICY_SCOPES)[number]

/** What declarations under review do (`declarations-under-review`). */
export const DECLARATION_REVIEW_MODES = [
  'off',
  'warn',
  'judge-on-estimate',
  'fail',
] as const
export type DeclarationReviewMode = (typeof DECLARATION_REVIEW_MODES)[number]

/** The finding for an agent whose declarations are under review. */
export const DECLARED_IN_PULL_REQUEST = 'declared-in-pull-request'

export const RuleSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]*$/,
      'must be lower-case letters, digits, dots, dashes or underscores',
    )
    .max(100),
  description: z.string().max(500).optional(),
  when: WhenSchema,
  action: z
    .enum(RULE_ACTIONS)
    .describe(
      'fail blocks the merge; warn reports; off disables an inherited rule of the same id.',
    ),
})
export type Rule = z.infer<typeof RuleSchema>

/** YYYY-MM-DD that is a real date. */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`)
    return (
      !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
    )
  }, 'is not a real calendar date')

export const ExceptionSchema = z
  .strictObject({
    rule: z.string().min(1).describe('The rule id, or * for every rule.'),
    paths: z.array(Glob).min(1).optional(),
    agents: z.array(z.string().min(1)).min(1).optional(),
    reason: z.string().trim().min(1, 'must say why the exception exists'),
    expires: IsoDate.optional().describe(
      'Last day the exception applies (YYYY-MM-DD).',
    ),
  })
  .refine((e) => e.paths !== undefined || e.agents !== undefined, {
    message: 'needs paths or agents: an exception must say what it covers',
  })
export type PolicyException = z.infer<typeof ExceptionSchema>

export const PolicySchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  extends: z
    .string()
    .min(1)
    .optional()
    .describe(
      'A preset name (default, strict, permissive, owasp-top10) or a path relative to this file.',
    ),
  aivss: z
    .strictObject({
      version: z.enum(AIVSS_VERSIONS).optional(),
      'threat-multiplier': z
        .union([z.number().min(0).max(1), z.enum(THREAT_LEVELS)])
        .optional(),
      'factor-scale': z.enum(FACTOR_SCALES).optional(),
      'off-spec-threat-multiplier': z
        .enum(['warn', 'error'])
        .optional()
        .describe(
          "A threat multiplier that is not one of the AIVSS version's three values (declared by an agent, or this policy's own): reported as a warning (default) or an error, which manifest-errors then judges. The value is used as declared either way.",
        ),
      'mitigation-from-controls': z
        .boolean()
        .optional()
        .describe(
          'Let declared controls that cover an agent’s main risks set the mitigation factor to partial.',
        ),
    })
    .optional(),
  scan: z
    .strictObject({
      include: z.array(Glob).optional(),
      exclude: z.array(Glob).optional(),
      gitignore: z.boolean().optional(),
      'max-file-size': z
        .number()
        .int()
        .positive()
        .optional()
        .describe('Bytes.'),
    })
    .optional(),
  scope: z
    .enum(POLICY_SCOPES)
    .optional()
    .describe(
      'change: with a base to compare with (a pull request, --base, --baseline), fail and warn only on what the change introduces or makes worse; findings that already held on the base are reported as pre-existing and never fail. all: judge the whole inventory every time. Without a base both judge everything.',
    ),
  'manifest-errors': z
    .enum(RULE_ACTIONS)
    .optional()
    .describe('What a manifest that cannot be read does to the verdict.'),
  'declarations-under-review': z
    .enum(DECLARATION_REVIEW_MODES)
    .optional()
    .describe(
      'What aivss declarations that a pull request adds or changes, and that lower a factor or the score below the estimate from the manifest, do: warn reports a declared-in-pull-request warning; judge-on-estimate also judges the agent on the estimate; fail fails the check; off takes them at their word.',
    ),
  'trusted-declarations': z
    .array(Glob)
    .optional()
    .describe(
      'Globs of files (relative to the scan root) whose declarations count even when a pull request changes them: paths that CODEOWNERS reserves to the team that reviews agents.',
    ),
  rules: z.array(RuleSchema).optional(),
  exceptions: z.array(ExceptionSchema).optional(),
})
export type PolicyFile = z.infer<typeof PolicySchema>
