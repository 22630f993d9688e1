import { headChanges, type BaseComparison } from '../diff/comparison.js'
import { headKey } from '../diff/snapshot.js'
import { globMatches } from '../glob/glob.js'
import { assessWithout, type AgentAssessment } from './assess-agent.js'
import type { DeclarationClaim } from './declarations.js'

/**
 * Which of an agent's claims (declarations that make it look safer than its
 * manifest, see declarations.ts) the run can take at their word. A pull
 * request must not declare its own agent safe, so with a comparison a claim
 * is under review when the pull request adds or changes it: the base holds
 * no such declaration with that value for the agent (every claim of an
 * agent the base does not have is new). A claim that stands on the base
 * unchanged keeps its meaning, and so does one declared in a file the
 * policy trusts (`trusted-declarations`). Without a comparison (a push, a
 * schedule) every claim keeps its meaning; when a base was asked for and
 * could not be read, every claim is under review: the run cannot tell who
 * wrote it.
 */

export type ClaimStatus =
  /** Added or changed by the pull request, or the base could not be read. */
  | 'under-review'
  /** The base declares the same for the agent. */
  | 'on-base'
  /** Declared in a file the policy trusts. */
  | 'trusted'
  /** No comparison was made: declarations mean what they say. */
  | 'no-comparison'

export interface ReviewedClaim extends DeclarationClaim {
  readonly status: ClaimStatus
}

export interface DeclarationReview {
  readonly claims: readonly ReviewedClaim[]
  /** Some claim is under review. */
  readonly underReview: boolean
  /** Why every claim is under review when the base could not be read. */
  readonly reason?: string | undefined
  /** The agent with its claims under review removed (as declared when none is). */
  readonly reviewed: AgentAssessment
  /** The agent with every claim removed: estimated from the manifest. */
  readonly estimate: AgentAssessment
}

/**
 * A reviewer for one run: the comparison with the base (if any) and the
 * policy's trusted globs. It returns undefined for agents without claims.
 */
export function declarationReviewer(
  comparison: BaseComparison | undefined,
  trusted: readonly string[],
): (assessment: AgentAssessment) => DeclarationReview | undefined {
  const changes = comparison?.available
    ? headChanges(comparison.diff)
    : undefined
  // A base that was asked for and could not be had: fail closed. No base
  // asked for at all (a push, or a ratchet policy run without one) keeps
  // today's meaning.
  const unreadable =
    comparison?.available === false && comparison.base !== undefined
      ? comparison.reason
      : undefined
  return (assessment) => {
    const layer = assessment.declarations
    if (!layer) return undefined
    const { profile } = assessment
    const change = changes?.get(
      headKey({ ...profile.source, name: profile.name }),
    )
    const onBase =
      change?.status === 'matched' ? change.base.declarations : undefined
    const status = (claim: DeclarationClaim): ClaimStatus => {
      if (trusted.some((glob) => globMatches(glob, claim.file)))
        return 'trusted'
      if (unreadable !== undefined) return 'under-review'
      if (!changes) return 'no-comparison'
      return onBase?.[claim.key] === claim.value ? 'on-base' : 'under-review'
    }
    const claims = layer.claims.map((claim) => ({
      ...claim,
      status: status(claim),
    }))
    const keys = new Set(
      claims.filter((c) => c.status === 'under-review').map((c) => c.key),
    )
    return {
      claims,
      underReview: keys.size > 0,
      reason: keys.size > 0 ? unreadable : undefined,
      reviewed: assessWithout(assessment, keys),
      estimate: layer.estimate,
    }
  }
}
