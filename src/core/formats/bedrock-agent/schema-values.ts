import { z } from 'zod'

/**
 * CloudFormation property values: a literal, or an intrinsic function in
 * its long form; and the logical id a reference names.
 */

/** A literal as the two kinds of property read it. */
export interface Literal {
  /** The value, when it is a string. */
  readonly string?: string | undefined
  /** A string, or a number or boolean written out. */
  readonly scalar?: string | undefined
  /** A number, or a string of digits. */
  readonly number?: number | undefined
}

/**
 * A property as written: absent (or null); an intrinsic function in its
 * long form (`{Ref: X}`, `{"Fn::GetAtt": [...]}`: a mapping of one `Ref` or
 * `Fn::` key); another mapping; or a literal (string, number, boolean,
 * list), which in YAML may still carry a short-form tag (`!Ref X`), seen
 * only in the text (map-cloudformation-values.ts).
 */
export type Property =
  | { readonly kind: 'absent' }
  | { readonly kind: 'mapping' }
  | {
      readonly kind: 'function'
      readonly name: string
      readonly argument: unknown
      /** `Fn::Sub` of a text without variables: that text. */
      readonly plain?: Literal | undefined
    }
  | ({ readonly kind: 'literal' } & Literal)

function literalOf(value: unknown): Literal {
  const string = typeof value === 'string' ? value : undefined
  return {
    string,
    scalar:
      typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : string,
    number:
      typeof value === 'number'
        ? value
        : string !== undefined && /^-?\d+(\.\d+)?$/.test(string)
          ? Number(string)
          : undefined,
  }
}

export const property = (): z.ZodType<Property> =>
  z.unknown().transform((value): Property => {
    if (value === undefined || value === null) return { kind: 'absent' }
    if (typeof value !== 'object' || Array.isArray(value))
      return { kind: 'literal', ...literalOf(value) }
    const keys = Object.keys(value)
    const only = keys[0]
    if (
      keys.length !== 1 ||
      !only ||
      !(only === 'Ref' || only.startsWith('Fn::'))
    )
      return { kind: 'mapping' }
    const argument: unknown = (value as Record<string, unknown>)[only]
    const plain =
      only === 'Fn::Sub' &&
      typeof argument === 'string' &&
      !argument.includes('${')
        ? literalOf(argument)
        : undefined
    return { kind: 'function', name: only, argument, plain }
  })

/**
 * The logical id a reference names, before it is looked up among the
 * resources: `X` of `X.Arn`, `{Ref: X}`, `{"Fn::GetAtt": "X.Arn"}` or
 * `{"Fn::GetAtt": [X, Arn]}`.
 */
export const logicalId = (): z.ZodType<string | undefined> =>
  z.unknown().transform((value) => {
    if (typeof value === 'string') return value.split('.')[0]
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return undefined
    const { Ref, 'Fn::GetAtt': getAtt } = value as Record<string, unknown>
    const ref = Ref ?? getAtt
    if (typeof ref === 'string') return ref.split('.')[0]
    const first: unknown = Array.isArray(ref) ? ref[0] : undefined
    return typeof first === 'string' ? first : undefined
  })
