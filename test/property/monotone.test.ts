import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SCORING,
  type ScoringSettings,
} from '../../src/core/aivss/settings.js'
import {
  assessAgent,
  type AgentAssessment,
} from '../../src/core/assess/assess-agent.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { scan } from '../../src/core/scan.js'
import { FIXTURES } from '../support/files.js'
import {
  anySettings,
  applySteps,
  bypassPair,
  describeStep,
  differences,
  dropReport,
  drops,
  expectDominates,
  pairBy,
  profileSummary,
  widenedPair,
  WIDENING_STEPS,
  type BypassPair,
} from './dominance.js'

/**
 * Least privilege never costs: an agent that has everything another has and
 * more (more tools or an open list, more memory, more agents, wider reach,
 * more untrusted input, fewer controls, approvals or read-only limits
 * dropped, approvals bypassed) never has a lower factor, a less severe
 * derived baseline metric or a lower score. Pairs come from
 * test/property/dominance.ts; real files and hand-made variants of them
 * from test/fixtures/variants/.
 */

const RUNS_PER_STEP = 200

describe('a wider agent never scores below a narrower one', () => {
  it('generates valid pairs with nothing declared (a check of the generator)', () => {
    fc.assert(
      fc.property(widenedPair, ({ a, b, steps }) => {
        expect(AgentProfileSchema.safeParse(a).success).toBe(true)
        expect(AgentProfileSchema.safeParse(b).success).toBe(true)
        expect(a.aivss).toBeUndefined()
        expect(b.aivss).toBeUndefined()
        expect(steps.length).toBeGreaterThan(0)
        expect(b).not.toEqual(a)
        // Replaying the steps gives the same B: they are all it took.
        expect(applySteps(a, steps)?.b).toEqual(b)
      }),
      { numRuns: 100 },
    )
  })

  for (const step of WIDENING_STEPS) {
    it(`one step: ${step}`, () => {
      fc.assert(
        fc.property(pairBy(step), anySettings, ({ a, b, steps }, settings) => {
          expectDominates(a, b, steps.map(describeStep), settings)
        }),
        { numRuns: RUNS_PER_STEP },
      )
    })
  }

  it('one to four steps of any kinds', () => {
    fc.assert(
      fc.property(widenedPair, anySettings, ({ a, b, steps }, settings) => {
        expectDominates(a, b, steps.map(describeStep), settings)
      }),
      { numRuns: 500 },
    )
  })
})

function expectBypassAbove(pair: BypassPair, settings: ScoringSettings): void {
  const { narrow, wide } = expectDominates(
    pair.hostDefault,
    pair.bypassed,
    ['host default approvals -> permissionMode bypassPermissions'],
    settings,
  )
  if (wide.score <= narrow.score)
    throw new Error(
      [
        `bypassed approvals score ${wide.score.toFixed(1)}, not above the host default's ${narrow.score.toFixed(1)}`,
        `what moved: ${differences(narrow, wide).join('; ') || 'nothing'}`,
        `host default: basis ${narrow.basis}, baseline ${narrow.baseline.vector ?? 'none'}, agentic ${narrow.agentic.score}`,
        `bypassed:     basis ${wide.basis}, baseline ${wide.baseline.vector ?? 'none'}, agentic ${wide.agentic.score}`,
        `host default profile: ${profileSummary(pair.hostDefault)}`,
      ].join('\n'),
    )
}

describe('bypassed approvals score above the host default approvals', () => {
  it('with an explicit tool list', () => {
    fc.assert(
      fc.property(bypassPair({ openList: false }), (pair) => {
        expectBypassAbove(pair, DEFAULT_SCORING)
      }),
      { numRuns: 300 },
    )
  })

  it('with an open tool list or an explicit one', () => {
    fc.assert(
      fc.property(bypassPair({ openList: true }), (pair) => {
        expectBypassAbove(pair, DEFAULT_SCORING)
      }),
      { numRuns: 300 },
    )
  })
})

describe('the dominance check itself', () => {
  // A pair whose wider side scores strictly higher, read both ways: the
  // check must pass one way and report the other.
  const narrow: AgentProfile = {
    name: 'reader',
    format: 'aivss-descriptor',
    source: { file: 'agents/reader.aivss.yml', line: 1 },
    model: {},
    skills: [],
    tools: [{ name: 'read_file', kind: 'file-read', readOnly: true }],
    memory: { kind: 'none', stores: [] },
    subAgents: [],
    delegation: { peers: [] },
    identity: { authSchemes: [], credentials: [] },
    controls: {},
    exposure: { reach: 'local', channels: [] },
    // No chat trigger: a chat counts as an open channel (AV:N) even locally.
    triggers: [],
    autonomy: {},
    evidence: {},
    notes: [],
    context: [],
  }
  const wide: AgentProfile = {
    ...narrow,
    tools: [
      ...narrow.tools,
      { name: 'bash', kind: 'shell', requiresApproval: false },
    ],
    exposure: { ...narrow.exposure, reach: 'public' },
  }

  it('reports a narrowing as a drop, naming what fell', () => {
    const n = assessAgent(narrow, DEFAULT_SCORING)
    const w = assessAgent(wide, DEFAULT_SCORING)
    expect(drops(n, w)).toEqual([])
    const reversed = drops(w, n)
    expect(reversed.map((d) => d.what)).toContain('score')
    expect(reversed.some((d) => d.what.startsWith('metric AV'))).toBe(true)
    expect(() =>
      expectDominates(wide, narrow, ['reversed'], DEFAULT_SCORING),
    ).toThrow(/score: narrow \d/)
  })
})

// ---- real files and their variants

const VARIANTS = join(FIXTURES, 'variants')

function directories(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
}

/** The one agent of a variant directory, scanned as a repository. */
function scanVariant(dir: string): AgentAssessment {
  const result = scan({ root: dir, settings: DEFAULT_SCORING })
  const agents = result.assessments
  if (agents.length !== 1)
    throw new Error(
      `${dir}: expected one agent, found ${agents.length} (${agents.map((a) => a.profile.source.file).join(', ')})`,
    )
  const [agent] = agents as [AgentAssessment]
  // Estimated from the manifest: no aivss declarations to compare.
  expect(agent.profile.aivss).toBeUndefined()
  return agent
}

/** What the variants change: tools, memory, controls, autonomy. */
function capabilities(profile: AgentProfile): unknown {
  const { tools, allTools, memory, controls, autonomy, subAgents } = profile
  return { tools, allTools, memory, controls, autonomy, subAgents }
}

function expectNoDrop(
  narrowName: string,
  narrow: AgentAssessment,
  wideName: string,
  wide: AgentAssessment,
): void {
  const found = drops(narrow, wide)
  if (found.length > 0)
    throw new Error(
      dropReport(
        `${wideName} scores below ${narrowName} (${narrow.profile.source.file})`,
        [`${narrowName} -> ${wideName}`],
        found,
        narrow.profile,
        DEFAULT_SCORING,
      ),
    )
}

describe('variants of real agent files: narrow <= base <= wide, bypass > base', () => {
  const names = directories(VARIANTS)

  it('has the fixtures: 6 to 10 agents, each with a base and variants', () => {
    expect(names.length).toBeGreaterThanOrEqual(6)
    expect(names.length).toBeLessThanOrEqual(10)
    for (const name of names) {
      const variants = directories(join(VARIANTS, name))
      expect(variants).toContain('base')
      expect(variants.length).toBeGreaterThan(1)
      for (const v of variants)
        expect(v).toMatch(/^(base|narrow|wide|bypass)(-[a-z-]+)?$/)
    }
  })

  const bases = new Map<string, AgentAssessment>()
  const baseOf = (name: string): AgentAssessment => {
    let base = bases.get(name)
    if (!base) {
      base = scanVariant(join(VARIANTS, name, 'base'))
      bases.set(name, base)
    }
    return base
  }

  for (const name of names) {
    for (const variant of directories(join(VARIANTS, name))) {
      if (variant === 'base') continue
      const relation = variant.startsWith('narrow')
        ? `${variant} <= base`
        : variant.startsWith('bypass')
          ? `base < ${variant}`
          : `base <= ${variant}`
      it(`${name}: ${relation}`, () => {
        const base = baseOf(name)
        const agent = scanVariant(join(VARIANTS, name, variant))
        expect(agent.profile.format).toBe(base.profile.format)
        // A variant that reads the same as its base would prove nothing.
        expect(capabilities(agent.profile)).not.toEqual(
          capabilities(base.profile),
        )
        if (variant.startsWith('narrow'))
          expectNoDrop(variant, agent, 'base', base)
        else expectNoDrop('base', base, variant, agent)
        if (variant.startsWith('bypass') && agent.score <= base.score)
          throw new Error(
            [
              `${name}/${variant} scores ${agent.score.toFixed(1)}, not above base ${base.score.toFixed(1)}`,
              `what moved: ${differences(base, agent).join('; ') || 'nothing'}`,
              `base ${base.baseline.vector ?? 'none'}, agentic ${base.agentic.score}; ${variant} ${agent.baseline.vector ?? 'none'}, agentic ${agent.agentic.score}`,
            ].join('\n'),
          )
      })
    }
  }
})
