/**
 * Exact decimal arithmetic for the AIVSS formulas.
 *
 * The spec rounds half up on the decimal value (8.65 → 8.7, 2.65 → 2.7), and
 * binary floating point gets some of those ties wrong ((2.65).toFixed(1) is
 * "2.6"). Every input to the formulas is a short decimal (CVSS scores, factor
 * values, 0.97, 0.83), so carrying them as scaled integers keeps every
 * intermediate value exact.
 */
export class Decimal {
  /** value = units / 10^scale */
  private constructor(
    private readonly units: bigint,
    private readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0n, 0)

  /**
   * Reads a JS number through its shortest round-trip representation, which
   * is the decimal the user wrote (0.97 → 97/100, not 0.9699999…).
   */
  static of(value: number | string): Decimal {
    const text = typeof value === 'number' ? numberText(value) : value.trim()
    const match = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text)
    if (!match) throw new RangeError(`not a finite decimal number: ${text}`)
    const [, sign = '', whole = '0', fraction = '', exponentText] = match
    const exponent = exponentText === undefined ? 0 : Number(exponentText)
    let units = BigInt(whole + fraction)
    let scale = fraction.length - exponent
    if (scale < 0) {
      units *= 10n ** BigInt(-scale)
      scale = 0
    }
    return new Decimal(sign === '-' ? -units : units, scale).normalized()
  }

  plus(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale)
    return new Decimal(
      this.unitsAt(scale) + other.unitsAt(scale),
      scale,
    ).normalized()
  }

  minus(other: Decimal): Decimal {
    return this.plus(other.negated())
  }

  times(other: Decimal): Decimal {
    return new Decimal(
      this.units * other.units,
      this.scale + other.scale,
    ).normalized()
  }

  negated(): Decimal {
    return new Decimal(-this.units, this.scale)
  }

  compare(other: Decimal): number {
    const scale = Math.max(this.scale, other.scale)
    const a = this.unitsAt(scale)
    const b = other.unitsAt(scale)
    return a < b ? -1 : a > b ? 1 : 0
  }

  /** Rounds to `places` decimals; a tie goes towards +∞ ("round half up"). */
  roundHalfUp(places: number): Decimal {
    if (this.scale <= places) return this
    const divisor = 10n ** BigInt(this.scale - places)
    const floor = floorDiv(this.units, divisor)
    const remainder = this.units - floor * divisor
    const rounded = remainder * 2n >= divisor ? floor + 1n : floor
    return new Decimal(rounded, places).normalized()
  }

  toNumber(): number {
    return Number(this.toString())
  }

  toString(): string {
    const negative = this.units < 0n
    const digits = (negative ? -this.units : this.units)
      .toString()
      .padStart(this.scale + 1, '0')
    const whole = digits.slice(0, digits.length - this.scale)
    const fraction = digits.slice(digits.length - this.scale)
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
  }

  private unitsAt(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale)
  }

  /** Drops trailing zeros so that equal values print the same way. */
  private normalized(): Decimal {
    let { units, scale } = this
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n
      scale -= 1
    }
    return scale === this.scale ? this : new Decimal(units, scale)
  }
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`not a finite number: ${String(value)}`)
  }
  return String(value)
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/** Sums numbers exactly, as decimals. */
export function decimalSum(values: Iterable<number>): Decimal {
  let total = Decimal.ZERO
  for (const value of values) total = total.plus(Decimal.of(value))
  return total
}
