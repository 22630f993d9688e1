import { runGit, type GitCheckout } from '../git/run-git.js'

/**
 * Local git questions a comparison needs, answered without the network and
 * without touching the working tree: which commit a ref names, and which
 * files git sees as renamed since then. The repository is the checkout found
 * once (src/core/git/run-git.ts), never one git discovers from a path.
 */

/** The commit a ref (branch, tag, SHA, `HEAD~1`) names, if the repository has it. */
export function resolveCommit(
  repo: GitCheckout,
  ref: string,
): string | undefined {
  // A ref is an argument, never an option, whatever it starts with.
  if (ref.startsWith('-')) return undefined
  const result = runGit(repo, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${ref}^{commit}`,
  ])
  const sha = result.stdout.toString('utf8').trim()
  return result.ok && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined
}

/**
 * Files git sees as renamed between `base` and the index (in CI, the
 * checked-out commit; locally, what is staged), as paths relative to
 * `prefix`: base path → head path. Empty when git cannot say.
 *
 * The index, not the working tree: to compare with working-tree files git
 * runs the clean filter that `.gitattributes` names for them, and the pull
 * request writes `.gitattributes` (`* filter=lfs`, or any driver the
 * runner's configuration defines), so a diff against the working tree
 * would run a program on every file the author chose. Blobs of the index
 * go through no filter, textconv or external diff.
 */
export function gitRenames(
  repo: GitCheckout,
  base: string,
  prefix: string,
): Map<string, string> {
  const result = runGit(repo, [
    'diff',
    '--cached',
    '--name-status',
    '-z',
    '-M',
    '--no-ext-diff',
    '--no-textconv',
    '--ignore-submodules=all',
    base,
    '--',
    prefix === '' ? '.' : prefix,
  ])
  const renames = new Map<string, string>()
  if (!result.ok) return renames
  const fields = result.stdout.toString('utf8').split('\0')
  const inside = (path: string): string | undefined =>
    prefix === ''
      ? path
      : path.startsWith(`${prefix}/`)
        ? path.slice(prefix.length + 1)
        : undefined
  for (let i = 0; i < fields.length;) {
    const status = fields[i] ?? ''
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = inside(fields[i + 1] ?? '')
      const to = inside(fields[i + 2] ?? '')
      if (status.startsWith('R') && from !== undefined && to !== undefined)
        renames.set(from, to)
      i += 3
    } else i += status === '' ? 1 : 2
  }
  return renames
}
