import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FACTOR_IDS } from '../../src/core/aivss/factors.js'
import { SEVERITIES } from '../../src/core/aivss/severity.js'
import {
  assessAgent,
  type AgentAssessment,
} from '../../src/core/assess/assess-agent.js'
import { FORMATS } from '../../src/core/formats/index.js'
import { globMatches } from '../../src/core/glob/glob.js'
import { ASI_RISKS, OWASP_THREATS } from '../../src/core/maestro/catalog.js'
import {
  evaluatePolicy,
  type PolicyEvaluation,
  type Verdict,
} from '../../src/core/policy/evaluate.js'
import {
  loadPolicy,
  PRESET_NAMES,
  type ResolvedException,
  type ResolvedPolicy,
  type ResolvedRule,
} from '../../src/core/policy/load.js'
import {
  ExceptionSchema,
  RuleSchema,
  type When,
} from '../../src/core/policy/schema.js'
import type { Problem } from '../../src/core/problems.js'
import { CONTROLS, TOOL_KINDS } from '../../src/core/profile/schema.js'
import { REPO } from '../support/files.js'
import { agentProfile, scoringSettings } from './profiles.js'
import { permutation } from './support.js'

/**
 * Judging is a function of the set of agents, the set of rules and the set of
 * exceptions: shuffling any of them changes neither the violations, nor the
 * exceptions applied or reported unused, nor the verdicts; and each verdict
 * is the worst of the rule results it is made of.
 */

const TODAY = '2026-11-23'
const NAMES = ['planner', 'coder', 'reviewer', 'researcher', 'router']
const GLOBS = [
  'agents/**',
  '**/*.yaml',
  'crews/**',
  '.claude/**',
  '**',
  'apps/*/.mcp.json',
]
const THREATS = [...Object.keys(ASI_RISKS), ...Object.keys(OWASP_THREATS)]

const nonEmpty = <T extends object>(value: T): boolean =>
  Object.keys(value).length > 0

function comparison(
  max: number,
  step: number,
): fc.Arbitrary<Record<string, number>> {
  const bound = fc.integer({ min: 0, max: max / step }).map((n) => n * step)
  return fc
    .record(
      { gt: bound, gte: bound, lt: bound, lte: bound },
      { requiredKeys: [] },
    )
    .filter(nonEmpty)
}

const when: fc.Arbitrary<When> = fc
  .record(
    {
      score: comparison(10, 0.1),
      'agentic-score': comparison(10, 0.1),
      factors: fc
        .record(
          Object.fromEntries(FACTOR_IDS.map((id) => [id, comparison(1, 0.05)])),
          { requiredKeys: [] },
        )
        .filter(nonEmpty),
      severity: fc
        .record(
          Object.fromEntries(
            ['eq', 'gt', 'gte', 'lt', 'lte'].map((op) => [
              op,
              fc.constantFrom(...SEVERITIES),
            ]),
          ),
          { requiredKeys: [] },
        )
        .filter(nonEmpty),
      controls: fc.subarray([...CONTROLS], { minLength: 1 }),
      'missing-controls': fc.subarray([...CONTROLS], { minLength: 1 }),
      tools: fc.subarray([...TOOL_KINDS], { minLength: 1 }),
      'all-tools': fc.boolean(),
      formats: fc.subarray(
        FORMATS.map((f) => f.id),
        { minLength: 1, maxLength: 3 },
      ),
      paths: fc.subarray(GLOBS, { minLength: 1, maxLength: 2 }),
      agents: fc.subarray(NAMES, { minLength: 1, maxLength: 2 }),
      declared: fc.boolean(),
      threats: fc.subarray(THREATS, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .filter(nonEmpty)
  .map((w) => w as When)

/** Rules with unique ids, checked against the policy schema. */
const rules: fc.Arbitrary<ResolvedRule[]> = fc
  .array(fc.tuple(when, fc.constantFrom('fail', 'warn')), { maxLength: 6 })
  .map((list) =>
    list.map(([w, action], i) => ({
      ...RuleSchema.parse({ id: `rule-${i}`, when: w, action }),
      source: 'policy.yml',
    })),
  )

function exceptions(ids: readonly string[]): fc.Arbitrary<ResolvedException[]> {
  return fc
    .array(
      fc
        .record(
          {
            rule: fc.constantFrom(...ids, '*', 'manifest-errors'),
            paths: fc.subarray(GLOBS, { minLength: 1, maxLength: 2 }),
            agents: fc.subarray(NAMES, { minLength: 1, maxLength: 2 }),
            reason: fc.constant('migrating (SEC-1)'),
            expires: fc.constantFrom('2026-01-31', TODAY, '2027-06-30'),
          },
          { requiredKeys: ['rule', 'reason'] },
        )
        .filter((e) => e.paths !== undefined || e.agents !== undefined)
        .map((e) => ExceptionSchema.parse(e)),
      { maxLength: 3 },
    )
    .map((list) =>
      list.map((e, i) => ({ ...e, source: 'policy.yml', line: i + 1 })),
    )
}

const PRESETS = new Map(
  PRESET_NAMES.map((name) => [name, loadPolicy(name, REPO)]),
)

/** A random policy, or a built-in preset, plus exceptions. */
const policy: fc.Arbitrary<ResolvedPolicy> = fc
  .tuple(
    fc.oneof(
      rules,
      fc.constantFrom(...PRESETS.values()).map((p) => [...p.rules]),
    ),
    fc.constantFrom('fail' as const, 'warn' as const, 'off' as const),
  )
  .chain(([ruleList, manifestErrors]) =>
    exceptions(ruleList.map((r) => r.id)).map(
      (exceptionList): ResolvedPolicy => ({
        chain: ['policy.yml'],
        aivss: {},
        scan: {},
        scope: 'all',
        manifestErrors,
        declarationsUnderReview: 'warn',
        trustedDeclarations: [],
        rules: ruleList,
        disabled: [],
        exceptions: exceptionList,
      }),
    ),
  )

const problems: fc.Arbitrary<Problem[]> = fc.array(
  fc.record(
    {
      file: fc.constantFrom(
        'agents/broken.yaml',
        'crews/x/config/agents.yaml',
        '.claude/agents/b.md',
      ),
      line: fc.integer({ min: 1, max: 50 }),
      message: fc.constantFrom('invalid YAML', 'unknown field'),
      level: fc.constantFrom('error' as const, 'warning' as const),
    },
    { requiredKeys: ['file', 'message', 'level'] },
  ),
  { maxLength: 3 },
)

/** Assessed agents, scored with one set of settings. */
const agents: fc.Arbitrary<AgentAssessment[]> = fc
  .tuple(fc.array(agentProfile, { maxLength: 6 }), scoringSettings)
  .map(([profiles, settings]) => profiles.map((p) => assessAgent(p, settings)))

/** A stable text for a plain object, whatever the order of its keys. */
function key(value: object): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  )
}

const sortedKeys = (list: readonly object[]): string[] => list.map(key).sort()

/** The evaluation as multisets, so that order does not count. */
function normalised(e: PolicyEvaluation): unknown {
  return {
    result: e.result,
    violations: sortedKeys(e.violations),
    excepted: sortedKeys(e.excepted),
    expired: sortedKeys(e.expiredExceptions),
    unused: sortedKeys(e.unusedExceptions),
    agents: sortedKeys(
      e.agents.map((a) => ({ ...a, rules: sortedKeys(a.rules) })),
    ),
  }
}

const RANK: Readonly<Record<string, number>> = {
  pass: 0,
  excepted: 0,
  warn: 1,
  fail: 2,
}
const VERDICTS: readonly Verdict[] = ['pass', 'warn', 'fail']
const worst = (outcomes: readonly string[]): Verdict =>
  VERDICTS[Math.max(0, ...outcomes.map((o) => RANK[o] ?? 99))] ?? 'fail'

describe('evaluatePolicy', () => {
  it('does not depend on the order of agents, rules or exceptions', () => {
    fc.assert(
      fc.property(
        policy.chain((p) =>
          fc.tuple(
            fc.constant(p),
            permutation(p.rules),
            permutation(p.exceptions),
          ),
        ),
        agents.chain((list) => fc.tuple(fc.constant(list), permutation(list))),
        problems,
        (
          [p, shuffledRules, shuffledExceptions],
          [list, shuffledAgents],
          problemList,
        ) => {
          const options = { today: TODAY, problems: problemList }
          const one = evaluatePolicy(p, list, options)
          const two = evaluatePolicy(
            { ...p, rules: shuffledRules, exceptions: shuffledExceptions },
            shuffledAgents,
            options,
          )
          expect(normalised(two)).toEqual(normalised(one))
        },
      ),
      { numRuns: 75 },
    )
  })

  it('counts an exception as used whenever it covers a violation', () => {
    // A copy of one exception (another line, another reason) makes two that
    // cover exactly the same violations, whichever of them comes first.
    const withCopy = policy.chain((p) =>
      fc
        .tuple(fc.nat(), fc.boolean())
        .map(([pick, first]): [ResolvedPolicy, number, number] => {
          const original = p.exceptions[pick % Math.max(1, p.exceptions.length)]
          if (!original) return [p, -1, -1]
          const copy = { ...original, reason: 'copied', line: 100 }
          const exceptions = first
            ? [copy, ...p.exceptions]
            : [...p.exceptions, copy]
          return [{ ...p, exceptions }, original.line ?? -1, 100]
        }),
    )
    fc.assert(
      fc.property(
        withCopy,
        agents,
        problems,
        ([p, a, b], list, problemList) => {
          const e = evaluatePolicy(p, list, {
            today: TODAY,
            problems: problemList,
          })
          const unusedLines = e.unusedExceptions.map((n) => n.line)
          expect(unusedLines.includes(a)).toBe(unusedLines.includes(b))
          // None that an excepted violation falls under matches nothing.
          for (const unused of e.unusedExceptions) {
            const exception = p.exceptions.find((x) => x.line === unused.line)
            if (!exception) continue
            for (const v of e.excepted) {
              const byRule = exception.rule === '*' || exception.rule === v.rule
              const byAgent =
                v.agent !== undefined &&
                (exception.agents ?? []).includes(v.agent)
              const byPath = (exception.paths ?? []).some((glob) =>
                globMatches(glob, v.file),
              )
              // Names and paths given together must both hold.
              const both =
                exception.agents !== undefined && exception.paths !== undefined
              expect(
                byRule && (both ? byAgent && byPath : byAgent || byPath),
              ).toBe(false)
            }
          }
        },
      ),
      { numRuns: 75 },
    )
  })

  it('gives each agent and the run the worst of their rule results', () => {
    fc.assert(
      fc.property(policy, agents, problems, (p, list, problemList) => {
        const e = evaluatePolicy(p, list, {
          today: TODAY,
          problems: problemList,
        })
        expect(e.agents).toHaveLength(list.length)
        for (const verdict of e.agents) {
          expect(verdict.rules.map((r) => r.rule)).toEqual(
            p.rules.map((r) => r.id),
          )
          expect(verdict.result).toBe(
            worst(verdict.rules.map((r) => r.outcome)),
          )
        }
        // Every open fail or warn outcome is one violation, with its rule's action.
        const open = e.agents.flatMap((a) =>
          a.rules.filter((r) => r.outcome === 'fail' || r.outcome === 'warn'),
        )
        const agentViolations = e.violations.filter(
          (v) => v.rule !== 'manifest-errors',
        )
        expect(agentViolations).toHaveLength(open.length)
        for (const v of agentViolations) {
          expect(v.action).toBe(p.rules.find((r) => r.id === v.rule)?.action)
        }
        // manifest-errors is one more rule, judged per problem.
        const fileResults = e.violations
          .filter((v) => v.rule === 'manifest-errors')
          .map((v) => v.action)
        const notices =
          e.expiredExceptions.length + e.unusedExceptions.length > 0
            ? ['warn']
            : []
        expect(e.result).toBe(
          worst([
            ...e.agents.flatMap((a) => a.rules.map((r) => r.outcome)),
            ...fileResults,
            ...notices,
          ]),
        )
        expect(e.result).toBe(
          worst([...e.agents.map((a) => a.result), ...fileResults, ...notices]),
        )
      }),
      { numRuns: 75 },
    )
  })
})
