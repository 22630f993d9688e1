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
  const base = prefix.replace(/^\/+|\/+$/g, '')
  const result = runGit(checkout, [
    'ls-files',
    '-z',
    '--cached',
    '--',
    base === '' ? '.' : base,
  ])
  if (!result.ok) return undefined
  const tracked = new Set<string>()
  for (const path of result.stdout.toString('utf8').split('\0')) {
    if (path === '') continue
    if (base === '') tracked.add(path)
    else if (path.startsWith(`${base}/`))
      tracked.add(path.slice(base.length + 1))
  }
  return tracked
}
