import { readHeadsAhead, type HeadReader } from './head-prefetch.js'
import {
  readDiscovered,
  readManifestText,
  type ReadOutcome,
} from './read-file.js'
import { walk, type WalkOptions } from './walk.js'

/**
 * Where a scan reads files from: the working tree, or a commit of a git
 * repository (for the base of a pull request, read without checking it out).
 * Discovery and the scan only ever go through this interface.
 */
export interface FileSource {
  /** A label for messages: the directory, or `<rev> of <repo>`. */
  readonly label: string
  /** Lists files (relative paths, forward slashes, sorted), pruning as asked. */
  list(options: WalkOptions): string[]
  /** Reads a listed file: its first `headBytes`, or all of it within `maxBytes`. */
  read(path: string, maxBytes: number, headBytes?: number): ReadOutcome
  /** Reads a path a manifest names, refusing anything outside the root. */
  readRelative(path: string, maxBytes: number): ReadOutcome
  /** Fetches these files ahead of their reads, where that is cheaper in bulk. */
  prefetch?(paths: readonly string[]): void
  /**
   * Starts reading the first `headBytes` of these listed files alongside the
   * scan, where that pays; the heads are the ones `read` would give.
   */
  readHeadsAhead?(
    paths: readonly string[],
    headBytes: number,
  ): HeadReader | undefined
}

/**
 * The working tree under `root`. Heads are read with a second thread when
 * there are at least `minimumAhead` of them (by default MIN_PREFETCHED_HEADS).
 */
export function directorySource(
  root: string,
  minimumAhead?: number,
): FileSource {
  return {
    label: root,
    list: (options) => walk(root, options),
    read: (path, maxBytes, headBytes) =>
      readDiscovered(root, path, maxBytes, headBytes),
    readRelative: (path, maxBytes) => readManifestText(root, path, maxBytes),
    readHeadsAhead: (paths, headBytes) =>
      readHeadsAhead(root, paths, headBytes, { minimum: minimumAhead }),
  }
}
