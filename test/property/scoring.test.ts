import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '../../src/core/aivss/decimal.js'
import {
  AIVSS_VERSIONS,
  type AivssVersion,
} from '../../src/core/aivss/factors.js'
import { computeAivss, type AivssInputs } from '../../src/core/aivss/formula.js'
import {
  MITIGATION_FACTORS,
  THREAT_MULTIPLIERS,
} from '../../src/core/aivss/multipliers.js'
import {
  severityOf,
  severityRank,
  type Severity,
} from '../../src/core/aivss/severity.js'

/**
 * The AIVSS arithmetic (../shared/spec/aivss.md): scores stay in [0, 10]
 * with one decimal, never fall when an input rises, match an independent
 * integer computation of the spec's formulas, and round half up on the
 * decimal value.
 */

/** Integers: factor values and multipliers in hundredths, CVSS in tenths. */
interface Units {
  readonly version: AivssVersion
  readonly factors: readonly number[]
  readonly cvss: number | undefined
  readonly threat: number
  readonly mitigation: number
}

const ALLOWED_THREATS = [
  ...new Set(
    AIVSS_VERSIONS.flatMap((v) => Object.values(THREAT_MULTIPLIERS[v])),
  ),
].map((t) => Math.round(t * 100))
const ALLOWED_MITIGATIONS = Object.values(MITIGATION_FACTORS).map((m) =>
  Math.round(m * 100),
)

const units: fc.Arbitrary<Units> = fc.record({
  version: fc.constantFrom(...AIVSS_VERSIONS),
  factors: fc.array(fc.integer({ min: 0, max: 100 }), {
    minLength: 10,
    maxLength: 10,
  }),
  cvss: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  // Any multiplier a policy may write (0–1), and the named levels.
  threat: fc.oneof(
    fc.integer({ min: 0, max: 100 }),
    fc.constantFrom(...ALLOWED_THREATS),
  ),
  mitigation: fc.constantFrom(...ALLOWED_MITIGATIONS),
})

function inputs(u: Units): AivssInputs {
  return {
    version: u.version,
    factorValues: u.factors.map((f) => f / 100),
    cvss: u.cvss === undefined ? undefined : u.cvss / 10,
    threatMultiplier: u.threat / 100,
    mitigationFactor: u.mitigation / 100,
  }
}

const score = (u: Units): number => computeAivss(inputs(u)).score

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/**
 * The spec's formulas in exact integers, rounded half up, in tenths:
 * v0.8  RoundHalfUp((C + (10 − C) × F/10 × ThM) × MF, 1)
 * v0.5  Round(((C + F) / 2) × ThM, 1), or F alone without a vulnerability.
 */
function expectedTenths(u: Units): bigint {
  const f = BigInt(u.factors.reduce((a, b) => a + b, 0)) // F × 100
  const t = BigInt(u.threat) // ThM × 100
  const m = BigInt(u.mitigation) // MF × 100
  if (u.version === '0.8') {
    const c = BigInt(u.cvss ?? 0) // C × 10
    // raw × 10^8
    const raw = (c * 100_000n + (100n - c) * f * t) * m
    return floorDiv(raw + 5_000_000n, 10_000_000n)
  }
  if (u.cvss === undefined) return floorDiv(f + 5n, 10n)
  const c = BigInt(u.cvss)
  // raw × 2000 = (10·C×10 + F×100) × ThM×100 / 10
  return floorDiv((10n * c + f) * t + 1_000n, 2_000n)
}

function tenthsText(tenths: bigint): string {
  const negative = tenths < 0n
  const abs = negative ? -tenths : tenths
  const fraction = abs % 10n
  return `${negative ? '-' : ''}${abs / 10n}${fraction === 0n ? '' : `.${fraction}`}`
}

/** A decimal as text, from integer units and a scale. */
function decimalText(value: bigint, scale: number): string {
  const negative = value < 0n
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

const decimal = fc.record({
  value: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
  scale: fc.integer({ min: 0, max: 8 }),
})

const SPEC_BANDS: ReadonlyArray<readonly [number, number, Severity]> = [
  [90, 100, 'critical'],
  [70, 89, 'high'],
  [40, 69, 'medium'],
  [1, 39, 'low'],
  [0, 0, 'none'],
]

describe('computeAivss', () => {
  it('scores within [0, 10] with one decimal', () => {
    fc.assert(
      fc.property(units, (u) => {
        const result = computeAivss(inputs(u))
        expect(result.score).toBeGreaterThanOrEqual(0)
        expect(result.score).toBeLessThanOrEqual(10)
        expect(String(result.score)).toMatch(/^(10|\d)(\.\d)?$/)
        expect(result.severity).toBe(severityOf(result.score))
        expect(result.factorSum).toBeCloseTo(
          u.factors.reduce((a, b) => a + b, 0) / 100,
          10,
        )
      }),
      { numRuns: 1000 },
    )
  })

  it('matches the spec formulas computed exactly in integers', () => {
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 100 }), (u, mitigation) => {
        // The formula itself, for any mitigation factor in [0, 1].
        const any = { ...u, mitigation }
        expect(String(score(any))).toBe(tenthsText(expectedTenths(any)))
        expect(String(score(u))).toBe(tenthsText(expectedTenths(u)))
      }),
      { numRuns: 1000 },
    )
  })

  it('never lowers the score when one factor rises', () => {
    fc.assert(
      fc.property(
        units,
        fc.nat(9),
        fc.integer({ min: 0, max: 100 }),
        (u, index, raise) => {
          const factors = [...u.factors]
          const before = factors[index] ?? 0
          factors[index] = before + Math.floor(((100 - before) * raise) / 100)
          expect(score({ ...u, factors })).toBeGreaterThanOrEqual(score(u))
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('never lowers the score when the CVSS base score rises', () => {
    fc.assert(
      fc.property(
        units,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (u, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a]
          expect(score({ ...u, cvss: high })).toBeGreaterThanOrEqual(
            score({ ...u, cvss: low }),
          )
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('never lowers the score when the threat multiplier or mitigation factor rises', () => {
    fc.assert(
      fc.property(
        units,
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom(...ALLOWED_MITIGATIONS),
        (u, threat, mitigation) => {
          const threats = [u.threat, threat].sort((x, y) => x - y)
          const mitigations = [u.mitigation, mitigation].sort((x, y) => x - y)
          expect(
            score({ ...u, threat: threats[1] ?? 0 }),
          ).toBeGreaterThanOrEqual(score({ ...u, threat: threats[0] ?? 0 }))
          expect(
            score({ ...u, mitigation: mitigations[1] ?? 0 }),
          ).toBeGreaterThanOrEqual(
            score({ ...u, mitigation: mitigations[0] ?? 0 }),
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  it('scores a vulnerability at least as high as the agent alone (v0.8)', () => {
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 100 }), (u, cvss) => {
        const agentOnly = { ...u, version: '0.8' as const, cvss: undefined }
        expect(score({ ...agentOnly, cvss })).toBeGreaterThanOrEqual(
          score(agentOnly),
        )
      }),
      { numRuns: 200 },
    )
  })
})

describe('rounding', () => {
  it('rounds half up on the decimal value, as the spec says', () => {
    fc.assert(
      fc.property(decimal, ({ value, scale }) => {
        const text = decimalText(value, scale)
        // round(x) = floor(x + 1/2) in tenths: floor((20·v + 10^s) / (2·10^s))
        const power = 10n ** BigInt(scale)
        const expected = floorDiv(20n * value + power, 2n * power)
        expect(Decimal.of(text).roundHalfUp(1).toString()).toBe(
          tenthsText(expected),
        )
      }),
      { numRuns: 1000 },
    )
  })

  it('rounds the spec examples and binary-floating-point ties exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), (hundredths) => {
        // x.x5 ties: always up, whatever the binary representation.
        const tie = hundredths - (hundredths % 10) + 5
        const number = tie / 100
        expect(Decimal.of(number).roundHalfUp(1).toString()).toBe(
          tenthsText(BigInt((tie + 5) / 10)),
        )
      }),
      { numRuns: 200 },
    )
    for (const [input, output] of [
      ['8.65', '8.7'],
      ['8.64', '8.6'],
      ['2.65', '2.7'],
    ]) {
      expect(
        Decimal.of(input ?? '')
          .roundHalfUp(1)
          .toString(),
      ).toBe(output)
    }
  })

  it('is monotone: a ≤ b gives round(a) ≤ round(b)', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const x = Decimal.of(decimalText(a.value, a.scale))
        const y = Decimal.of(decimalText(b.value, b.scale))
        const [low, high] = x.compare(y) <= 0 ? [x, y] : [y, x]
        expect(
          low.roundHalfUp(1).compare(high.roundHalfUp(1)),
        ).toBeLessThanOrEqual(0)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('severity bands', () => {
  const oneDecimal = fc.integer({ min: 0, max: 100 })

  it('follow the spec table on every one-decimal score', () => {
    fc.assert(
      fc.property(oneDecimal, (tenths) => {
        const band = SPEC_BANDS.find(
          ([low, high]) => tenths >= low && tenths <= high,
        )
        expect(severityOf(tenths / 10)).toBe(band?.[2])
      }),
      { numRuns: 200 },
    )
  })

  it('never fall as the score rises', () => {
    fc.assert(
      fc.property(oneDecimal, oneDecimal, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        expect(severityRank(severityOf(low / 10))).toBeLessThanOrEqual(
          severityRank(severityOf(high / 10)),
        )
      }),
      { numRuns: 1000 },
    )
  })
})
