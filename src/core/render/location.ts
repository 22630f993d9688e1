import { posix } from 'node:path'

/**
 * Report paths are relative to the scan root; annotations, SARIF and links
 * need them relative to the repository. `prefix` is the scan root's path
 * inside the repository, with `/` separators ('' at the top).
 */
export function repoPath(prefix: string, file: string): string {
  const joined = prefix === '' || prefix === '.' ? file : `${prefix}/${file}`
  return posix.normalize(joined).replace(/^(\.\/)+/, '')
}
