import { closeSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { isAbsolute, join, normalize, relative, sep } from 'node:path'

/**
 * Reads a file of the scan root as untrusted input: never through a symbolic
 * link, never outside the root, never more than the size cap, and only when
 * it decodes as UTF-8 text.
 */

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024

export type ReadOutcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string }

/** Resolves a path relative to the root, refusing anything that escapes it. */
export function insideRoot(root: string, path: string): string | undefined {
  if (isAbsolute(path)) return undefined
  const full = normalize(join(root, path))
  const rel = relative(root, full)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined
  return rel.split(sep).join('/')
}

export function readManifestText(
  root: string,
  path: string,
  maxBytes = DEFAULT_MAX_FILE_SIZE,
  /** Read only this many bytes from the start (for sniffing). */
  headBytes?: number,
): ReadOutcome {
  const rel = insideRoot(root, path)
  if (rel === undefined) return { ok: false, reason: 'outside the scan root' }
  const full = join(root, rel)
  let size: number
  try {
    const stat = lstatSync(full)
    if (stat.isSymbolicLink())
      return { ok: false, reason: 'symbolic link: not followed' }
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file' }
    // A linked directory on the way could still lead out of the root.
    const real = realpathSync(full)
    const realRoot = realpathSync(root)
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      return { ok: false, reason: 'resolves outside the scan root' }
    }
    size = stat.size
  } catch {
    return { ok: false, reason: 'not found' }
  }
  if (size > maxBytes) {
    return {
      ok: false,
      reason: `${formatBytes(size)} is over the ${formatBytes(maxBytes)} size cap for manifests`,
    }
  }
  const length = headBytes === undefined ? size : Math.min(size, headBytes)
  const buffer = Buffer.alloc(length)
  const fd = openSync(full, 'r')
  try {
    let offset = 0
    while (offset < length) {
      const read = readSync(fd, buffer, offset, length - offset, offset)
      if (read === 0) break
      offset += read
    }
  } finally {
    closeSync(fd)
  }
  if (buffer.subarray(0, 8192).includes(0)) {
    return { ok: false, reason: 'binary content (NUL bytes)' }
  }
  try {
    // When only the head is read, its last character may be cut in half:
    // streaming mode holds those bytes back instead of failing on them.
    const decoder = new TextDecoder('utf-8', { fatal: true })
    return { ok: true, text: decoder.decode(buffer, { stream: length < size }) }
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' }
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${bytes} B`
}
