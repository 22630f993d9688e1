import { describe, expect, it } from 'vitest'
import { Decimal, decimalSum } from '../../src/core/aivss/decimal.js'

describe('Decimal', () => {
  it.each([
    ['8.65', '8.7'],
    ['8.64', '8.6'],
    ['2.65', '2.7'],
    ['4.15', '4.2'],
    ['0.05', '0.1'],
    ['9.95', '10'],
    ['9.9238', '9.9'],
    ['9.9529', '10'],
    ['2.5705', '2.6'],
    ['4.85', '4.9'],
    ['0.04', '0'],
  ])('rounds %s half up to %s', (input, expected) => {
    expect(Decimal.of(input).roundHalfUp(1).toString()).toBe(expected)
  })

  it('rounds ties that binary floating point gets wrong', () => {
    expect((2.65).toFixed(1)).toBe('2.6')
    expect(Decimal.of(2.65).roundHalfUp(1).toNumber()).toBe(2.7)
    expect(Decimal.of(1.005).roundHalfUp(2).toNumber()).toBe(1.01)
  })

  it('rounds negative ties towards +infinity', () => {
    expect(Decimal.of('-2.65').roundHalfUp(1).toString()).toBe('-2.6')
    expect(Decimal.of('-2.66').roundHalfUp(1).toString()).toBe('-2.7')
  })

  it('keeps products exact', () => {
    expect(
      Decimal.of(0.6).times(Decimal.of(0.9)).times(Decimal.of(0.97)).toString(),
    ).toBe('0.5238')
    expect(Decimal.of(0.1).plus(Decimal.of(0.2)).toString()).toBe('0.3')
    expect(Decimal.of(10).minus(Decimal.of(9.4)).toString()).toBe('0.6')
  })

  it('sums factor values exactly', () => {
    expect(
      decimalSum([0.8, 0.7, 0.1, 0.6, 0.4, 0.5, 0.1, 0.8, 0.6, 0.7]).toString(),
    ).toBe('5.3')
  })

  it('reads exponent notation and rejects non-finite input', () => {
    expect(Decimal.of(1e-7).toString()).toBe('0.0000001')
    expect(Decimal.of(1.5e21).toString()).toBe('1500000000000000000000')
    expect(() => Decimal.of(Number.NaN)).toThrow(/finite/)
    expect(() => Decimal.of(Infinity)).toThrow(/finite/)
    expect(() => Decimal.of('1.2.3')).toThrow(/decimal/)
  })

  it('compares by value', () => {
    expect(Decimal.of('1.50').compare(Decimal.of(1.5))).toBe(0)
    expect(Decimal.of(1.4).compare(Decimal.of(1.5))).toBe(-1)
    expect(Decimal.of(2).compare(Decimal.of(1.5))).toBe(1)
  })
})
