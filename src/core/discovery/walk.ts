import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Lists the files under a root without following symbolic links, so that a
 * link in a pull request can never lead the scan outside the checkout or
 * into a loop. Directories are pruned before they are read.
 */

export interface WalkedFile {
  /** Relative to the root, forward slashes. */
  readonly path: string
}

export interface WalkRejection {
  readonly path: string
  readonly reason: string
}

export interface WalkOptions {
  /** Decides whether to descend; return a reason to prune the directory. */
  readonly pruneDirectory: (path: string, name: string) => string | undefined
  readonly onRejected: (rejection: WalkRejection) => void
}

export function walk(root: string, options: WalkOptions): WalkedFile[] {
  const files: WalkedFile[] = []
  const pending: string[] = ['']
  while (pending.length > 0) {
    const dir = pending.pop() as string
    let entries
    try {
      entries = readdirSync(dir ? join(root, dir) : root, {
        withFileTypes: true,
      })
    } catch (error) {
      options.onRejected({
        path: dir || '.',
        reason: `directory could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      })
      continue
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name
      if (entry.isSymbolicLink()) {
        options.onRejected({ path, reason: 'symbolic link: not followed' })
      } else if (entry.isDirectory()) {
        const reason = options.pruneDirectory(path, entry.name)
        if (reason) options.onRejected({ path: `${path}/`, reason })
        else pending.push(path)
      } else if (entry.isFile()) {
        files.push({ path })
      }
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
