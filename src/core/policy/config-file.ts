import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs'
import { isAbsolute, relative } from 'node:path'
import { decodeManifest, formatBytes } from '../discovery/read-file.js'

/**
 * Reading one configuration file (a policy, a file it extends, a baseline
 * file) from the file system as possibly hostile input: only a regular file,
 * only inside the directory it is confined to (after resolving links), never
 * more than its size cap, only UTF-8 text. A FIFO, a device or a directory
 * is refused before it is opened, so nothing waits on it and nothing reads
 * /dev/zero forever. Reasons never quote the file's content.
 */

export type ConfigRead =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false
      /** True when there is no file at the path (as opposed to a refused one). */
      readonly missing: boolean
      readonly reason: string
      /**
       * Missing on the base commit, but the pull request's head adds it: the
       * base has no such file, whatever the checkout holds.
       */
      readonly addedByPullRequest?: true | undefined
    }

/** Policies are small; one over this is not a policy someone wrote. */
export const MAX_POLICY_BYTES = 1024 * 1024

/** A baseline file records a few hundred bytes per agent. */
export const MAX_BASELINE_BYTES = 16 * 1024 * 1024

const OPEN_FLAGS =
  constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** Whether `path` is `dir` or lies below it (both absolute). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * Reads `path` (absolute). With `confine`, the path must resolve (real path,
 * links followed) to a file inside that directory.
 */
export function readConfigFile(
  path: string,
  maxBytes: number,
  confine?: string,
): ConfigRead {
  let real: string
  try {
    real = realpathSync.native(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? { ok: false, missing: true, reason: 'not found' }
      : { ok: false, missing: false, reason: 'could not be resolved' }
  }
  if (confine !== undefined) {
    let root: string
    try {
      root = realpathSync.native(confine)
    } catch {
      return { ok: false, missing: false, reason: 'the workspace is missing' }
    }
    if (!isInside(root, real))
      return {
        ok: false,
        missing: false,
        reason: 'resolves outside the workspace (through a symbolic link)',
      }
  }
  let before: Stats
  try {
    before = statSync(real)
  } catch {
    return { ok: false, missing: true, reason: 'not found' }
  }
  const kind = notRegular(before)
  if (kind) return { ok: false, missing: false, reason: kind }
  if (before.size > maxBytes) return tooLarge(before.size, maxBytes)
  let fd: number
  try {
    fd = openSync(real, OPEN_FLAGS)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {
      ok: false,
      missing: false,
      reason:
        code === 'ELOOP'
          ? 'symbolic link: not followed'
          : 'could not be opened',
    }
  }
  try {
    const stat = fstatSync(fd)
    // The file opened must be the file checked: not swapped in between.
    const swapped = stat.dev !== before.dev || stat.ino !== before.ino
    const opened = swapped ? 'changed while it was opened' : notRegular(stat)
    if (opened) return { ok: false, missing: false, reason: opened }
    // Never more than the cap and one byte, whatever the size said.
    const buffer = Buffer.allocUnsafe(maxBytes + 1)
    let length = 0
    while (length < buffer.length) {
      let read: number
      try {
        read = readSync(fd, buffer, length, buffer.length - length, null)
      } catch {
        return { ok: false, missing: false, reason: 'could not be read' }
      }
      if (read === 0) break
      length += read
    }
    if (length > maxBytes) return tooLarge(length, maxBytes, true)
    const decoded = decodeManifest(buffer.subarray(0, length), false)
    return decoded.ok
      ? { ok: true, text: decoded.text }
      : { ok: false, missing: false, reason: decoded.reason }
  } finally {
    closeSync(fd)
  }
}

function notRegular(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined
  if (stat.isDirectory()) return 'a directory, not a file'
  if (stat.isFIFO()) return 'a named pipe (FIFO), not a regular file'
  if (stat.isSocket()) return 'a socket, not a regular file'
  if (stat.isCharacterDevice() || stat.isBlockDevice())
    return 'a device, not a regular file'
  return 'not a regular file'
}

function tooLarge(size: number, maxBytes: number, atLeast = false): ConfigRead {
  return {
    ok: false,
    missing: false,
    reason: `${atLeast ? 'more than ' : ''}${formatBytes(atLeast ? maxBytes : size)} is over the ${formatBytes(maxBytes)} size cap`,
  }
}
