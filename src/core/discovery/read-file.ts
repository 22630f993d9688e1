import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
} from 'node:fs'
import { isAbsolute, join, normalize, relative, sep } from 'node:path'

/**
 * Reads a file of the scan root as untrusted input: never through a symbolic
 * link, never outside the root, never more than the size cap, and only when
 * it decodes as UTF-8 text.
 *
 * Files that discovery found are known to lie under the root with no link on
 * the way (the walk never enters one), so they are opened with O_NOFOLLOW and
 * nothing else; a path a manifest names (a sibling, a config_path) is checked
 * component by component first.
 */

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024

export type ReadOutcome =
  /** `complete`: the text is the whole file, not just its head. */
  | { readonly ok: true; readonly text: string; readonly complete: boolean }
  | { readonly ok: false; readonly reason: string }

/** Resolves a path relative to the root, refusing anything that escapes it. */
export function insideRoot(root: string, path: string): string | undefined {
  if (isAbsolute(path)) return undefined
  const full = normalize(join(root, path))
  const rel = relative(root, full)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined
  return rel.split(sep).join('/')
}

/** Open flags for a file discovery listed: a link there is refused, not followed. */
export const NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)

/**
 * Reads a file that discovery listed. With `headBytes`, reads only that much
 * (for sniffing) and does not apply the size cap.
 */
export function readDiscovered(
  root: string,
  path: string,
  maxBytes = DEFAULT_MAX_FILE_SIZE,
  headBytes?: number,
): ReadOutcome {
  let fd: number
  try {
    fd = openSync(join(root, path), NO_FOLLOW)
  } catch (error) {
    return openFailure((error as NodeJS.ErrnoException).code)
  }
  try {
    let length: number
    if (headBytes === undefined) {
      const stat = fstatSync(fd)
      if (!stat.isFile()) return { ok: false, reason: 'not a regular file' }
      const size = stat.size
      if (size > maxBytes) {
        return {
          ok: false,
          reason: `${formatBytes(size)} is over the ${formatBytes(maxBytes)} size cap for manifests`,
        }
      }
      length = size
    } else {
      length = headBytes
    }
    // One read: a regular file returns less than asked only at its end, so a
    // short head read means the whole file was read.
    const buffer =
      headBytes === undefined ? Buffer.allocUnsafe(length) : scratch(length)
    let offset: number
    try {
      offset = readSync(fd, buffer, 0, length, 0)
      if (headBytes === undefined) {
        while (offset < length) {
          const read = readSync(fd, buffer, offset, length - offset, offset)
          if (read === 0) break
          offset += read
        }
      }
    } catch {
      return READ_FAILURE
    }
    const bytes = buffer.subarray(0, offset)
    return headBytes === undefined
      ? decodeManifest(bytes, false)
      : decodeHead(bytes, headBytes)
  } finally {
    closeSync(fd)
  }
}

/** Why a listed file could not be opened, from the error's code. */
export function openFailure(code: string | undefined): ReadOutcome {
  return {
    ok: false,
    reason:
      code === 'ELOOP' ? 'symbolic link: not followed' : 'could not be opened',
  }
}

/** A listed file that opened but could not be read: no longer a file, say. */
export const READ_FAILURE: ReadOutcome = {
  ok: false,
  reason: 'could not be read',
}

/**
 * Decodes what one read of `headBytes` gave. A read that filled the head
 * may have stopped inside the file; one that did not reached its end.
 */
export function decodeHead(bytes: Buffer, headBytes: number): ReadOutcome {
  return decodeManifest(bytes, bytes.length === headBytes)
}

/** A buffer reused for head reads: decoding copies what it needs. */
let scratchBuffer = Buffer.alloc(0)
function scratch(length: number): Buffer {
  if (scratchBuffer.length < length) scratchBuffer = Buffer.allocUnsafe(length)
  return scratchBuffer
}

/** Reads a path a manifest refers to, after checking it stays in the root. */
export function readManifestText(
  root: string,
  path: string,
  maxBytes = DEFAULT_MAX_FILE_SIZE,
): ReadOutcome {
  const rel = insideRoot(root, path)
  if (rel === undefined) return { ok: false, reason: 'outside the scan root' }
  const full = join(root, rel)
  try {
    if (lstatSync(full).isSymbolicLink())
      return { ok: false, reason: 'symbolic link: not followed' }
    // A linked directory on the way could still lead out of the root.
    const real = realpathSync.native(full)
    const realRoot = realRootOf(root)
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      return { ok: false, reason: 'resolves outside the scan root' }
    }
  } catch {
    return { ok: false, reason: 'not found' }
  }
  return readDiscovered(root, rel, maxBytes)
}

const realRoots = new Map<string, string>()
function realRootOf(root: string): string {
  let real = realRoots.get(root)
  if (real === undefined) {
    real = realpathSync.native(root)
    realRoots.set(root, real)
  }
  return real
}

/** Checks and decodes a manifest's bytes: text only, valid UTF-8. */
export function decodeManifest(bytes: Buffer, truncated: boolean): ReadOutcome {
  if (bytes.subarray(0, 8192).includes(0)) {
    return { ok: false, reason: 'binary content (NUL bytes)' }
  }
  try {
    // When only the head is read, its last character may be cut in half:
    // streaming mode holds those bytes back instead of failing on them.
    const decoder = new TextDecoder('utf-8', { fatal: true })
    return {
      ok: true,
      text: decoder.decode(bytes, { stream: truncated }),
      complete: !truncated,
    }
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' }
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${bytes} B`
}
