import type { CompareWith } from '../diff/comparison.js'
import { unreadableBaseline } from '../diff/baseline-file.js'
import { GateError } from '../errors.js'
import { MAX_BASELINE_BYTES } from './config-file.js'
import {
  baseConfig,
  readConfig,
  workspaceConfig,
  type BaseCommit,
  type ConfigFiles,
} from './config-source.js'
import {
  loadGatePolicy,
  loadPolicy,
  type PolicyFileRead,
  type ResolvedPolicy,
} from './load.js'

/**
 * Which configuration judges a run. The pull request wrote every file of
 * its head, so on a pull request the rules come from its base commit: the
 * repository's policy file, every file it extends and the baseline file.
 * What the pull request changes in them takes effect after merge; the run
 * reports what the head's version would decide, as information.
 */

/** `base`: the base commit's configuration judges (the default); `head`: the opt-out. */
export type PolicyFrom = 'base' | 'head'

export interface PolicyTrust {
  /** The checkout: configuration the repository holds must stay in it. */
  readonly workspace: string
  /**
   * The base commit of the pull request (or of `--base`), or why it could
   * not be read. Absent: no pull request, the workspace is what was merged.
   */
  readonly base?: BaseCommit | { readonly unavailable: string } | undefined
  readonly from?: PolicyFrom | undefined
}

export interface PendingFile {
  readonly path: string
  readonly change: 'added' | 'changed' | 'removed'
}

export interface ConfigSource {
  /**
   * `base`: read from the base commit; `workspace`: from the checkout (no
   * pull request, or the opt-out); `fallback`: the base could not be read,
   * and the stricter of the head's policy and the default preset judged.
   */
  readonly from: 'base' | 'workspace' | 'fallback'
  readonly commit?: string | undefined
  readonly reason?: string | undefined
}

export interface ChosenConfig {
  /** The policy that judges the run, and whose settings the scan uses. */
  readonly policy: ResolvedPolicy
  /** Judged as well; the stricter verdict of the two stands (a fallback). */
  readonly alsoJudge?: ResolvedPolicy | undefined
  readonly source: ConfigSource
  /** The base commit the policy was read from (`source.from` is `base`). */
  readonly base?: BaseCommit | undefined
  /** What to compare with, the baseline file's text read from the same place. */
  readonly compare?: CompareWith | undefined
  /** The pull request changes the configuration: what, and its version of it. */
  readonly pending?:
    | {
        readonly files: readonly PendingFile[]
        /** The head's policy, or why it does not load. */
        readonly policy: ResolvedPolicy | { readonly error: string }
        /** The head's baseline, when it changes. */
        readonly compare?: CompareWith | undefined
      }
    | undefined
}

export interface ChooseOptions {
  /** The policy the caller named (a preset or a file), if any. */
  readonly explicit?: string | undefined
  /** Where the repository's policy file is looked for. */
  readonly root: string
  /** What the caller's relative references are relative to. */
  readonly cwd: string
  readonly trust: PolicyTrust
  readonly compare?: CompareWith | undefined
}

export function chooseConfig(options: ChooseOptions): ChosenConfig {
  const { trust } = options
  const workspace = workspaceConfig(trust.workspace)
  const load = (files: ConfigFiles, reads?: PolicyFileRead[]): ResolvedPolicy =>
    loadGatePolicy(options.explicit, options.root, {
      cwd: options.cwd,
      files,
      reads,
    }).policy
  const base = trust.from === 'head' ? undefined : trust.base
  if (base === undefined)
    return {
      policy: load(workspace),
      source: { from: 'workspace' },
      compare: withBaseline(options.compare, workspace),
    }
  if ('unavailable' in base) {
    // The pull request cannot make its base unreadable, but a shallow clone
    // or a failed fetch can; either way the head's policy is its author's.
    // Its rules still count (they are the repository's, unless the pull
    // request changed them), but never for less than the default preset,
    // and never with its scoring or scan settings, which could zero a
    // score or leave an agent out.
    const reads: PolicyFileRead[] = []
    const head = load(workspace, reads)
    // A preset or a file from outside the workspace is the workflow's: as given.
    if (
      options.explicit !== undefined &&
      !reads.some((r) => r.text !== undefined || r.refused)
    )
      return {
        policy: head,
        source: { from: 'workspace' },
        compare: withBaseline(options.compare, workspace),
      }
    // Nor with its scope: without the base's word on what to judge, every
    // agent is judged, the ones already there included.
    return {
      policy: { ...head, aivss: {}, scan: {}, scope: 'all' },
      alsoJudge: { ...loadPolicy('default', options.cwd), scope: 'all' },
      source: { from: 'fallback', reason: base.unavailable },
      compare: withBaseline(options.compare, workspace),
    }
  }
  const files = baseConfig(trust.workspace, base)
  const baseReads: PolicyFileRead[] = []
  const policy = load(files, baseReads)
  const compare = withBaseline(options.compare, files)
  const headReads: PolicyFileRead[] = []
  let headPolicy: ResolvedPolicy | { error: string }
  try {
    headPolicy = load(workspace, headReads)
  } catch (error) {
    if (!(error instanceof GateError)) throw error
    headPolicy = { error: error.message }
  }
  const changes = changedFiles(baseReads, headReads)
  let headCompare: CompareWith | undefined
  if (options.compare?.kind === 'file') {
    const label = options.compare.label
    const atBase = compare?.kind === 'file' ? compare.text : undefined
    let atHead: CompareWith
    try {
      atHead = withBaseline(options.compare, workspace) ?? options.compare
    } catch (error) {
      if (!(error instanceof GateError)) throw error
      atHead = {
        kind: 'unavailable',
        reason: error.message,
        base: { kind: 'file', file: label },
      }
    }
    const headText = atHead.kind === 'file' ? atHead.text : undefined
    if (headText !== atBase) {
      changes.push({
        path: label,
        change:
          atBase === undefined
            ? 'added'
            : headText === undefined
              ? 'removed'
              : 'changed',
      })
      headCompare = atHead
    }
  }
  return {
    policy,
    source: { from: 'base', commit: base.sha },
    base,
    compare,
    pending:
      changes.length > 0
        ? { files: changes, policy: headPolicy, compare: headCompare }
        : undefined,
  }
}

/** The files two loads read differently: what the pull request changed. */
function changedFiles(
  base: readonly PolicyFileRead[],
  head: readonly PolicyFileRead[],
): PendingFile[] {
  const first = (
    reads: readonly PolicyFileRead[],
  ): Map<string, PolicyFileRead> => {
    const map = new Map<string, PolicyFileRead>()
    for (const read of reads) if (!map.has(read.name)) map.set(read.name, read)
    return map
  }
  const before = first(base)
  const after = first(head)
  const changes: PendingFile[] = []
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(name)
    const a = after.get(name)
    // A file only the base's load read is one the head's policy no longer
    // reaches (another file takes precedence, or nothing extends it now):
    // the file that changed that is listed, this one is not removed.
    if (a === undefined) continue
    if (b?.text === a?.text && !b?.refused && !a?.refused) continue
    if (b?.text === undefined && a?.text === undefined && !a?.refused) continue
    changes.push({
      path: name,
      change:
        b?.text === undefined
          ? 'added'
          : a?.text === undefined && !a?.refused
            ? 'removed'
            : 'changed',
    })
  }
  return changes
}

/**
 * The comparison, with a baseline file's text read through `files`: from
 * the base commit on a pull request (none there: nothing to compare with),
 * else from the workspace, confined unless the caller named a path outside.
 */
function withBaseline(
  compare: CompareWith | undefined,
  files: ConfigFiles,
): CompareWith | undefined {
  if (compare?.kind !== 'file') return compare
  const read = readConfig(files, compare.path, MAX_BASELINE_BYTES, true)
  if (read.ok) return { ...compare, text: read.text }
  if (read.missing && files.kind === 'base')
    return {
      kind: 'unavailable',
      reason: `the baseline file ${compare.label} is not on the base commit`,
      base: { kind: 'file', file: compare.label },
    }
  throw unreadableBaseline(compare.label, read.reason)
}
