import { runGate } from '../../src/core/gate.js'
import { ReportSchema, type Report } from '../../src/core/report/schema.js'
import { checkoutOf, commit, git, gitRepo } from './git.js'

/** The gate over a repository's head, compared with its first commit. */
export function comparedReport(
  base: Record<string, string>,
  head: Record<string, string | null>,
  options: { readonly policy?: string; readonly today?: string } = {},
): Report {
  const repo = gitRepo(base)
  const sha = git(repo, 'rev-parse', 'HEAD')
  commit(repo, head)
  const { report } = runGate({
    root: repo,
    cwd: repo,
    policy: options.policy,
    today: options.today ?? '2026-01-15',
    compare: { kind: 'git', repo: checkoutOf(repo), sha, prefix: '' },
  })
  return ReportSchema.parse(report)
}
