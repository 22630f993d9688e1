import { unreadableManifests, type BaseComparison } from '../diff/comparison.js'
import type { Problem } from '../problems.js'

/**
 * The `manifest-errors` findings of a run. An agent must not vanish by being
 * made unreadable, so every unreadable manifest counts, whatever level its
 * problem was reported at, beside the errors of files that were read:
 *
 * - `fail` (strict): each one fails;
 * - `warn` (default): each one warns, except a manifest that the pull
 *   request makes unreadable (new, or readable on the base; known only with
 *   a comparison), which fails: hiding an agent must not pass where the
 *   agent itself would not;
 * - `off` (permissive): nothing counts, except a manifest the pull request
 *   makes unreadable, which warns (permissive blocks nothing, but says so).
 *
 * A generic name that could not even be sniffed (`possible`) counts only
 * where the base held agents in that file; so does a file read as no
 * manifest at all (its format declines it), through the comparison.
 */

export interface ManifestErrorFinding {
  readonly file: string
  readonly line?: number | undefined
  readonly action: 'fail' | 'warn'
  readonly message: string
}

export function manifestErrorFindings(
  setting: 'fail' | 'warn' | 'off',
  problems: readonly Problem[],
  comparison: BaseComparison | undefined,
): ManifestErrorFinding[] {
  const base = comparison?.available === true ? comparison : undefined
  const unreadable = unreadableManifests(problems)
  const lostAgents = new Set(base?.diff.unreadable.map((u) => u.base.file))
  const claimed = new Set(
    problems.filter((p) => p.unreadable === 'claimed').map((p) => p.file),
  )
  /** Why the change makes the file unreadable, if it does. */
  const madeUnreadable = (file: string): string | undefined => {
    const files = base?.files
    if (!files) return undefined
    if (
      lostAgents.has(file) ||
      (unreadable.has(file) && files.withAgents.has(file))
    )
      return 'it held agents on the base'
    if (
      claimed.has(file) &&
      files.unreadable !== undefined &&
      !files.unreadable.has(file)
    )
      return 'it is new or was readable on the base'
    return undefined
  }
  const findings: ManifestErrorFinding[] = []
  for (const problem of problems) {
    const counts =
      problem.level === 'error' ||
      problem.unreadable === 'claimed' ||
      (problem.unreadable === 'possible' &&
        base?.files?.withAgents.has(problem.file) === true)
    if (!counts) continue
    const change = madeUnreadable(problem.file)
    const action =
      setting === 'fail'
        ? 'fail'
        : change !== undefined
          ? setting === 'warn'
            ? 'fail'
            : 'warn'
          : setting === 'warn'
            ? 'warn'
            : undefined
    if (action === undefined) continue
    const what = unreadable.has(problem.file)
      ? 'unreadable manifest'
      : 'manifest could not be read'
    const text = problem.message.replace(/^(unreadable manifest|skipped): /, '')
    const why =
      change !== undefined && setting !== 'fail'
        ? `; this pull request makes it unreadable (${change}), so it ${action === 'fail' ? 'fails' : 'warns'} although manifest-errors is ${setting}`
        : ''
    findings.push({
      file: problem.file,
      line: problem.line,
      action,
      message: `${what}: ${problem.field ? `${problem.field}: ` : ''}${text}${why}`,
    })
  }
  // Agents of the base in a file the head reads as no manifest at all (its
  // format declines it, or its head no longer looks like one): no problem
  // names the file, the comparison does.
  const named = new Set(findings.map((f) => f.file))
  for (const lost of base?.diff.unreadable ?? []) {
    const file = lost.base.file
    if (named.has(file)) continue
    named.add(file)
    const action = setting === 'off' ? 'warn' : 'fail'
    findings.push({
      file,
      action,
      message: `unreadable manifest: ${lost.reason}; it held agents on the base${setting === 'fail' ? '' : `, so it ${action === 'fail' ? 'fails' : 'warns'} although manifest-errors is ${setting}`}`,
    })
  }
  return findings
}
