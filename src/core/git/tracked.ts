import { runGit, type GitCheckout } from './run-git.js'

/**
 * The files git tracks under `prefix` (a directory of the working tree, ''
 * for all of it), relative to that directory. In a checkout, `.gitignore`
 * rules apply only to files git does not track: a committed file is
 * considered even where a `.gitignore` of the same commit ignores it.
 * Undefined when git cannot say (the scan then honours .gitignore alone).
 */
export function trackedFiles(
  checkout: GitCheckout,
  prefix: string,
): Set<string> | undefined {
  return trackedListing(checkout, prefix)?.files
}

export interface TrackedListing {
  /** Tracked files, relative to the prefix. */
  readonly files: Set<string>
  /**
   * Whether a submodule is at or below the prefix. Its files are tracked by
   * another repository (one the pull request can choose, through
   * `.gitmodules`), so this listing cannot vouch for them.
   */
  readonly submodules: boolean
}

export function trackedListing(
  checkout: GitCheckout,
  prefix: string,
): TrackedListing | undefined {
  const base = prefix.replace(/^\/+|\/+$/g, '')
  const result = runGit(checkout, [
    'ls-files',
    '-z',
    '--cached',
    '--stage',
    '--',
    base === '' ? '.' : base,
  ])
  if (!result.ok) return undefined
  const files = new Set<string>()
  let submodules = false
  for (const record of result.stdout.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t')
    if (tab < 0) continue
    const path = record.slice(tab + 1)
    if (record.startsWith('160000 ')) {
      if (base === '' || path === base || path.startsWith(`${base}/`))
        submodules = true
      continue
    }
    if (base === '') files.add(path)
    else if (path.startsWith(`${base}/`)) files.add(path.slice(base.length + 1))
  }
  return { files, submodules }
}
