import { GateError } from '../errors.js'
import { runGit, type GitCheckout } from '../git/run-git.js'
import {
  decodeManifest,
  formatBytes,
  insideRoot,
  type ReadOutcome,
} from './read-file.js'
import type { FileSource } from './source.js'
import type { WalkOptions, WalkRejection } from './walk.js'

/**
 * A commit of a git repository as a file source: the tree is listed with
 * `git ls-tree` and blobs are read with `git cat-file`, so nothing is checked
 * out and nothing from the commit runs (cat-file --batch applies no filter
 * or textconv). Symbolic links and submodules are listed as rejected, as in
 * the working tree. Every file of a commit is tracked, so `.gitignore` hides
 * none of them.
 */

interface Entry {
  readonly oid: string
  readonly size: number
  readonly kind: 'file' | 'link' | 'submodule'
}

const MAX_GIT_OUTPUT = 1024 * 1024 * 1024

export class GitSourceError extends GateError {}

function git(
  repo: GitCheckout,
  args: readonly string[],
  input?: string,
): Buffer {
  const result = runGit(repo, args, { input, maxBuffer: MAX_GIT_OUTPUT })
  if (!result.ok)
    throw new GitSourceError(`git ${args[0] ?? ''} failed: ${result.error}`)
  return result.stdout
}

/** Whether `rev` names a commit present in the repository. */
export function hasCommit(repo: GitCheckout, rev: string): boolean {
  if (rev.startsWith('-')) return false
  return runGit(repo, ['cat-file', '-e', `${rev}^{commit}`]).ok
}

/**
 * The tree of `rev` under `prefix` (a directory of the repository, '' for
 * all of it), with paths relative to that directory.
 */
export function gitSource(
  repo: GitCheckout,
  rev: string,
  prefix = '',
): FileSource {
  const base = prefix.replace(/^\/+|\/+$/g, '')
  const entries = new Map<string, Entry>()
  const listing = git(repo, [
    'ls-tree',
    '-r',
    '-z',
    '--long',
    '--full-tree',
    rev,
    ...(base ? ['--', base] : []),
  ])
  for (const record of listing.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t')
    if (tab < 0) continue
    const [mode = '', , oid = '', size = ''] = record.slice(0, tab).split(/\s+/)
    const full = record.slice(tab + 1)
    if (base && !full.startsWith(`${base}/`)) continue
    const path = base ? full.slice(base.length + 1) : full
    const kind =
      mode === '120000' ? 'link' : mode === '160000' ? 'submodule' : 'file'
    entries.set(path, { oid, size: Number(size) || 0, kind })
  }
  const blobs = new Map<string, Buffer>()

  const fetch = (paths: readonly string[]): void => {
    const wanted = paths
      .map((p) => entries.get(p))
      .filter((e): e is Entry => e?.kind === 'file' && !blobs.has(e.oid))
    if (wanted.length === 0) return
    const output = git(
      repo,
      ['cat-file', '--batch'],
      `${wanted.map((e) => e.oid).join('\n')}\n`,
    )
    let at = 0
    while (at < output.length) {
      const eol = output.indexOf(10, at)
      if (eol < 0) break
      const [oid = '', , size = ''] = output
        .subarray(at, eol)
        .toString('utf8')
        .split(' ')
      const length = Number(size)
      if (!Number.isFinite(length)) break
      blobs.set(oid, output.subarray(eol + 1, eol + 1 + length))
      at = eol + 1 + length + 1
    }
  }

  const read = (
    path: string,
    maxBytes: number,
    headBytes?: number,
  ): ReadOutcome => {
    const entry = entries.get(path)
    if (!entry) return { ok: false, reason: 'not found' }
    if (entry.kind === 'link')
      return { ok: false, reason: 'symbolic link: not followed' }
    if (entry.kind === 'submodule')
      return { ok: false, reason: 'submodule: not read' }
    if (headBytes === undefined && entry.size > maxBytes) {
      return {
        ok: false,
        reason: `${formatBytes(entry.size)} is over the ${formatBytes(maxBytes)} size cap for manifests`,
      }
    }
    fetch([path])
    const bytes = blobs.get(entry.oid)
    if (!bytes) return { ok: false, reason: 'could not be read from git' }
    const truncated = headBytes !== undefined && bytes.length > headBytes
    return decodeManifest(
      truncated ? bytes.subarray(0, headBytes) : bytes,
      truncated,
    )
  }

  return {
    label: `${rev} of ${repo.workTree}`,
    list: (options) => list(entries, options),
    read,
    readRelative: (path, maxBytes) => {
      const rel = insideRoot('/', path)
      return rel === undefined
        ? { ok: false, reason: 'outside the scan root' }
        : read(rel, maxBytes)
    },
    prefetch: (paths) =>
      fetch(
        paths.filter(
          (p) => (entries.get(p)?.size ?? Infinity) <= MAX_PREFETCH_BLOB,
        ),
      ),
  }
}

/** Blobs larger than this are read one at a time, when asked for. */
const MAX_PREFETCH_BLOB = 4 * 1024 * 1024

/** Applies the walk's pruning and skipping to a flat listing. */
function list(
  entries: ReadonlyMap<string, Entry>,
  options: WalkOptions,
): string[] {
  const pruned = new Map<string, boolean>()
  const reject = (rejection: WalkRejection): void =>
    options.onRejected(rejection)
  const prunedDir = (dir: string): boolean => {
    const known = pruned.get(dir)
    if (known !== undefined) return known
    const cut = dir.lastIndexOf('/')
    const parent = cut < 0 ? '' : dir.slice(0, cut)
    let result = parent !== '' && prunedDir(parent)
    if (!result) {
      const reason = options.pruneDirectory(dir, dir.slice(cut + 1))
      if (reason) {
        reject({ path: `${dir}/`, reason })
        result = true
      }
    }
    pruned.set(dir, result)
    return result
  }
  const files: string[] = []
  for (const [path, entry] of entries) {
    const cut = path.lastIndexOf('/')
    if (cut > 0 && prunedDir(path.slice(0, cut))) continue
    if (entry.kind === 'link') {
      reject({ path, reason: 'symbolic link: not followed', entry: 'link' })
      continue
    }
    if (entry.kind === 'submodule') {
      reject({ path, reason: 'submodule: not read' })
      continue
    }
    const reason = options.skipFile(path)
    if (reason) reject({ path, reason })
    else files.push(path)
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
