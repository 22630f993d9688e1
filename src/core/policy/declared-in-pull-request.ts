import type { AgentAssessment } from '../assess/assess-agent.js'
import type { DeclarationClaim } from '../assess/declarations.js'
import type { DeclarationReview } from '../assess/review.js'
import type { Violation } from './evaluate.js'
import { DECLARED_IN_PULL_REQUEST } from './schema.js'

/**
 * The built-in finding for an agent whose claims are under review: the
 * pull request declares it safer than its manifest shows. It names both
 * scores and the claims, in ASCII, like every message the scanner writes.
 */

export function declaredInPullRequest(
  agent: AgentAssessment,
  review: DeclarationReview,
  action: 'fail' | 'warn',
): Violation {
  const { profile } = agent
  const underReview = review.claims.filter((c) => c.status === 'under-review')
  const files = [...new Set(underReview.map((c) => c.file))]
  const scores = [
    `declared in this pull request: ${agent.score.toFixed(1)}`,
    ...(review.reviewed.score !== review.estimate.score
      ? [
          `without the declarations of this pull request: ${review.reviewed.score.toFixed(1)}`,
        ]
      : []),
    `estimated from the manifest: ${review.estimate.score.toFixed(1)}`,
  ]
  return {
    rule: DECLARED_IN_PULL_REQUEST,
    agent: profile.name,
    file: profile.source.file,
    line: profile.source.line,
    action,
    message: `${scores.join('; ')}; claims under review${review.reason ? ` (${review.reason})` : ''}: ${summarizeClaims(underReview)} in ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`,
    description:
      'Declarations that the pull request adds or changes and that make the agent look safer than its manifest',
  }
}

/** "factors autonomyOfAction, dynamicToolUse; controls sandbox; mitigation strong" */
function summarizeClaims(claims: readonly DeclarationClaim[]): string {
  const factors: string[] = []
  const controls: string[] = []
  const settings: string[] = []
  for (const claim of claims) {
    const [kind, name = ''] = claim.key.split('.')
    if (kind === 'factor') factors.push(name)
    else if (kind === 'control') controls.push(name)
    else if (kind === 'tool' || kind === 'exposure') settings.push(claim.key)
    else settings.push(`${claim.key} ${claim.value}`)
  }
  const list = (items: string[]): string =>
    items.length > 4
      ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`
      : items.join(', ')
  return [
    factors.length > 0
      ? `${factors.length === 1 ? 'factor' : 'factors'} ${list(factors)}`
      : '',
    controls.length > 0
      ? `${controls.length === 1 ? 'control' : 'controls'} ${list(controls)}`
      : '',
    ...settings,
  ]
    .filter((part) => part !== '')
    .join('; ')
}
