/**
 * What a headline is, since the spec defines only the score of a declared
 * vulnerability: the baseline vector is aivss-gate's reference
 * vulnerability (derived from the manifest, or declared in its place), and
 * the agent-only score is the formula with no vulnerability.
 */
export const BASIS_KINDS = [
  'declared-vulnerability',
  'declared-baseline',
  'derived-baseline',
  'agent-only',
] as const
export type BasisKind = (typeof BASIS_KINDS)[number]
