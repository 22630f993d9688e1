import { readdirSync, type Dirent } from 'node:fs'
import { join } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import { readDiscovered } from './read-file.js'

/**
 * Lists the files under a root without following symbolic links, so that a
 * link in a pull request can never lead the scan outside the checkout or
 * into a loop. Directories are pruned before they are read, and `.gitignore`
 * files (at any depth) are honoured the way git honours them.
 */

export interface WalkRejection {
  readonly path: string
  readonly reason: string
  /** Set for entries left unopened because of what they are, not their name. */
  readonly entry?: 'link' | 'special'
}

export interface WalkOptions {
  /** Decides whether to descend; return a reason to prune the directory. */
  readonly pruneDirectory: (path: string, name: string) => string | undefined
  /** Decides whether to keep a file; return a reason to leave it out. */
  readonly skipFile: (path: string) => string | undefined
  readonly onRejected: (rejection: WalkRejection) => void
  readonly respectGitignore: boolean
  /**
   * Files git tracks: .gitignore applies only to untracked files, so these
   * are listed, and an ignored directory holding any of them is descended.
   */
  readonly tracked?: ReadonlySet<string> | undefined
}

interface IgnoreScope {
  /** Directory of the .gitignore, with a trailing slash ('' at the root). */
  readonly base: string
  readonly rules: Ignore
  readonly source: string
}

/** Bounds a .gitignore read: one written to be huge is not honoured. */
const MAX_GITIGNORE_BYTES = 256 * 1024

export function walk(root: string, options: WalkOptions): string[] {
  const files: string[] = []
  const tracked = options.respectGitignore
    ? trackedPaths(options.tracked)
    : undefined
  const pending: Array<{ dir: string; scopes: readonly IgnoreScope[] }> = [
    { dir: '', scopes: [] },
  ]
  while (pending.length > 0) {
    const { dir, scopes: inherited } = pending.pop() as {
      dir: string
      scopes: readonly IgnoreScope[]
    }
    let entries: Dirent[]
    try {
      entries = readdirSync(dir ? join(root, dir) : root, {
        withFileTypes: true,
      })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      options.onRejected({
        path: dir || '.',
        reason: `directory could not be read (${code})`,
      })
      continue
    }
    const scopes = options.respectGitignore
      ? withGitignore(root, dir, entries, inherited, options)
      : inherited
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name
      const isDirectory = entry.isDirectory()
      let ignoredBy = ignoringScope(scopes, path, isDirectory)
      // .gitignore applies to untracked files only, as in git.
      if (ignoredBy && tracked?.has(path)) ignoredBy = undefined
      if (ignoredBy) {
        options.onRejected({
          path: isDirectory ? `${path}/` : path,
          reason: `ignored by ${ignoredBy.source}`,
        })
        continue
      }
      if (entry.isSymbolicLink()) {
        options.onRejected({
          path,
          reason: 'symbolic link: not followed',
          entry: 'link',
        })
      } else if (!isDirectory && !entry.isFile()) {
        options.onRejected({
          path,
          reason: `not a regular file (${specialKind(entry)}): not opened`,
          entry: 'special',
        })
      } else if (isDirectory) {
        const reason = options.pruneDirectory(path, entry.name)
        if (reason) options.onRejected({ path: `${path}/`, reason })
        else pending.push({ dir: path, scopes })
      } else {
        const reason = options.skipFile(path)
        if (reason) options.onRejected({ path, reason })
        else files.push(path)
      }
    }
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** Tracked files and every directory above one. */
function trackedPaths(
  files: ReadonlySet<string> | undefined,
): ReadonlySet<string> | undefined {
  if (!files || files.size === 0) return undefined
  const paths = new Set(files)
  for (const file of files) {
    for (let cut = file.lastIndexOf('/'); cut > 0;) {
      const dir = file.slice(0, cut)
      if (paths.has(dir)) break
      paths.add(dir)
      cut = dir.lastIndexOf('/')
    }
  }
  return paths
}

function specialKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'named pipe'
  if (entry.isSocket()) return 'socket'
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'device'
  return 'unknown type'
}

function withGitignore(
  root: string,
  dir: string,
  entries: readonly Dirent[],
  inherited: readonly IgnoreScope[],
  options: WalkOptions,
): readonly IgnoreScope[] {
  const file = entries.find((e) => e.name === '.gitignore' && e.isFile())
  if (!file) return inherited
  const source = dir ? `${dir}/.gitignore` : '.gitignore'
  const read = readDiscovered(root, source, MAX_GITIGNORE_BYTES)
  if (!read.ok) {
    options.onRejected({ path: source, reason: `${read.reason}: not honoured` })
    return inherited
  }
  return [
    ...inherited,
    { base: dir ? `${dir}/` : '', rules: ignore().add(read.text), source },
  ]
}

function ignoringScope(
  scopes: readonly IgnoreScope[],
  path: string,
  isDirectory: boolean,
): IgnoreScope | undefined {
  // The deepest .gitignore decides, so a nested `!pattern` can re-include.
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i] as IgnoreScope
    const relative = path.slice(scope.base.length) + (isDirectory ? '/' : '')
    const result = scope.rules.test(relative)
    if (result.ignored) return scope
    if (result.unignored) return undefined
  }
  return undefined
}
