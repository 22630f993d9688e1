/**
 * Paths of the scan root as formats use them: relative, with forward
 * slashes, directories with a trailing slash ('' for the root).
 */

/** The final path segment, and the directory part (with a trailing slash, or ''). */
export function splitPath(path: string): {
  readonly dir: string
  readonly name: string
} {
  if (lastSplit?.path !== path) {
    const cut = path.lastIndexOf('/')
    lastSplit = {
      path,
      parts: { dir: path.slice(0, cut + 1), name: path.slice(cut + 1) },
    }
  }
  return lastSplit.parts
}

/** A path's segments (`a/b/c.md` → a, b, c.md). */
export function pathSegments(path: string): readonly string[] {
  if (lastSegments?.path !== path)
    lastSegments = { path, segments: Object.freeze(path.split('/')) }
  return lastSegments.segments
}

// Discovery asks every format about one path before it moves on to the
// next, and most formats start by splitting it: the last answer is kept.
let lastSplit:
  | { path: string; parts: { readonly dir: string; readonly name: string } }
  | undefined
let lastSegments: { path: string; segments: readonly string[] } | undefined

/**
 * A file's name without its ending (`agents/reviewer.md` → `reviewer`): the
 * name an agent gets when its manifest gives none.
 */
export function fileStem(path: string, ending: RegExp): string {
  return splitPath(path).name.replace(ending, '')
}

/**
 * The last segment of a path, a trailing slash ignored (`plugins/web/` →
 * `web`); undefined for the root.
 */
export function lastSegment(path: string): string | undefined {
  return path.split('/').filter(Boolean).pop()
}

/**
 * A path written relative to a directory, as a path of the scan root, with
 * `.` and `..` resolved. A `..` above the root makes it undefined, or with
 * `clampAtRoot` is dropped, so that the path stays at the root. Guards
 * against absolute and home paths are the caller's: formats differ on them.
 */
export function joinPath(dir: string, ref: string): string | undefined
export function joinPath(
  dir: string,
  ref: string,
  options: { readonly clampAtRoot: true },
): string
export function joinPath(
  dir: string,
  ref: string,
  options?: { readonly clampAtRoot: true },
): string | undefined {
  const parts = dir.split('/').filter(Boolean)
  for (const part of ref.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0 && !options?.clampAtRoot) return undefined
      parts.pop()
    } else parts.push(part)
  }
  return parts.join('/')
}
