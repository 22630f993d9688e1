import { prefetchHeads, type HeadPrefetch } from './head-prefetch.js'
import {
  NO_FOLLOW,
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
  /**
   * Starts fetching files ahead of their reads, where that is cheaper in bulk
   * or can run alongside the scan: whole files, or only the first
   * `headBytes` of those marked `headOnly`. Reads give the same answers
   * with or without it.
   */
  prefetch?(files: readonly PrefetchRequest[], headBytes: number): void
  /**
   * Ends any fetching ahead; later reads go straight to the files. Returns
   * how many reads the fetching ahead answered.
   */
  endPrefetch?(): number
}

export interface PrefetchRequest {
  readonly path: string
  /** Only the head will be read (the name leaves the format open). */
  readonly headOnly: boolean
}

/**
 * The working tree under `root`. Heads of generic-named files are read on a
 * second thread when there are at least `minimumPrefetch` of them (by default
 * MIN_PREFETCHED_HEADS).
 */
export function directorySource(
  root: string,
  minimumPrefetch?: number,
): FileSource {
  let heads:
    { readonly bytes: number; readonly prefetch: HeadPrefetch } | undefined
  return {
    label: root,
    list: (options) => walk(root, options),
    read: (path, maxBytes, headBytes) =>
      (headBytes !== undefined && headBytes === heads?.bytes
        ? heads.prefetch.take(path)
        : undefined) ?? readDiscovered(root, path, maxBytes, headBytes),
    readRelative: (path, maxBytes) => readManifestText(root, path, maxBytes),
    prefetch: (files, headBytes) => {
      heads?.prefetch.stop()
      const prefetch = prefetchHeads(
        root,
        files.filter((f) => f.headOnly).map((f) => f.path),
        headBytes,
        NO_FOLLOW,
        minimumPrefetch,
      )
      heads = prefetch ? { bytes: headBytes, prefetch } : undefined
    },
    endPrefetch: () => {
      const answered = heads?.prefetch.stop() ?? 0
      heads = undefined
      return answered
    },
  }
}
