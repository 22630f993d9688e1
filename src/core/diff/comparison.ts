import type { AgentAssessment } from '../assess/assess-agent.js'
import type { ScoringSettings } from '../aivss/settings.js'
import { gitSource } from '../discovery/git-source.js'
import type { FileSource } from '../discovery/source.js'
import { errorMessage } from '../errors.js'
import type { GitCheckout } from '../git/run-git.js'
import type { Problem } from '../problems.js'
import type { ScanResult } from '../scan.js'
import { parseBaselineFile, readBaselineFile } from './baseline-file.js'
import { diffAgents, type AgentDiff } from './compare.js'
import { gitRenames } from './git-base.js'
import type { RenameEvidence } from './match.js'
import { headKey, snapshotOf, type AgentSnapshot } from './snapshot.js'

/**
 * What a run compares its results with, and the outcome: the base commit of
 * a pull request (read with git, never checked out), a recorded baseline
 * file, or nothing, with the reason, when the base cannot be had.
 */

export type BaseRef =
  | {
      readonly kind: 'git'
      /** The ref as given (a branch name, `HEAD~1`), when not a bare SHA. */
      readonly ref?: string | undefined
      /** Unknown only when a named ref could not be resolved. */
      readonly sha?: string | undefined
    }
  | { readonly kind: 'file'; readonly file: string }

export type CompareWith =
  | {
      readonly kind: 'git'
      /** The checkout: its working tree and git directory, found once. */
      readonly repo: GitCheckout
      readonly sha: string
      readonly ref?: string | undefined
      /** The scan root inside the repository ('' at the top). */
      readonly prefix: string
    }
  | {
      readonly kind: 'file'
      /** Absolute path. */
      readonly path: string
      /** How the report names it. */
      readonly label: string
      /** Its text, when it was read already (from the base commit, say). */
      readonly text?: string | undefined
    }
  | {
      readonly kind: 'unavailable'
      readonly reason: string
      readonly base?: BaseRef | undefined
    }

/** What the base held, file by file, for judging what the head made unreadable. */
export interface BaseFiles {
  /** Files of the base that held agents. */
  readonly withAgents: ReadonlySet<string>
  /**
   * Files of the base that were unreadable manifests already; undefined
   * when unknown (a baseline file records agents only).
   */
  readonly unreadable?: ReadonlySet<string> | undefined
}

export type BaseComparison =
  | {
      readonly available: true
      readonly base: BaseRef
      readonly diff: AgentDiff
      readonly notes: readonly string[]
      /** Absent only for comparisons built without file knowledge (tests). */
      readonly files?: BaseFiles | undefined
      /**
       * The base's agents as scored, by `headKey`, so that a policy can tell
       * which findings already held there. Absent for a baseline file,
       * which records scores, not agents.
       */
      readonly baseAgents?: ReadonlyMap<string, AgentAssessment> | undefined
    }
  | {
      readonly available: false
      readonly base?: BaseRef | undefined
      readonly reason: string
    }

export interface CompareContext {
  readonly settings: ScoringSettings
  /** Scans a source with the head's policy and options. */
  readonly scanBase: (source: FileSource) => ScanResult
  /**
   * What the head scan could not read: agents of the base whose file the
   * head cannot read (or reads as no manifest) are "now unreadable", not
   * "removed".
   */
  readonly head?: HeadReading | undefined
}

/** The parts of a scan that say which files it could not read. */
export interface HeadReading {
  readonly problems: readonly Problem[]
  readonly notManifests?: ReadonlyArray<{
    readonly path: string
    readonly reason: string
  }>
}

/**
 * Files whose reading failed, wholly or in part, with the first reason: the
 * unreadable manifests, the files with errors, and the files that were read
 * as no manifest at all (for a file that held agents on the base, a change
 * that makes its format decline it, or its head no longer look like one,
 * hides them as surely as a NUL byte).
 */
export function unreadableFiles(head: HeadReading): Map<string, string> {
  const files = new Map<string, string>()
  for (const file of head.notManifests ?? [])
    files.set(file.path, `not read as a manifest: ${file.reason}`)
  for (const problem of head.problems)
    if (problem.unreadable !== undefined || problem.level === 'error')
      if (!files.has(problem.file))
        files.set(
          problem.file,
          problem.message.replace(/^(unreadable manifest|skipped): /, ''),
        )
  return files
}

/** Files of a scan that are unreadable manifests. */
export function unreadableManifests(problems: readonly Problem[]): Set<string> {
  const files = new Set<string>()
  for (const problem of problems)
    if (problem.unreadable !== undefined) files.add(problem.file)
  return files
}

export function compareWithBase(
  compare: CompareWith,
  head: readonly AgentAssessment[],
  context: CompareContext,
): BaseComparison {
  const headAgents = head.map(snapshotOf)
  const unreadable = unreadableFiles(context.head ?? { problems: [] })
  if (compare.kind === 'unavailable')
    return { available: false, base: compare.base, reason: compare.reason }
  if (compare.kind === 'file') {
    const recorded =
      compare.text === undefined
        ? readBaselineFile(compare.path, compare.label, context.settings)
        : parseBaselineFile(compare.text, compare.label, context.settings)
    return {
      available: true,
      base: { kind: 'file', file: compare.label },
      diff: diffAgents(recorded.agents, headAgents, undefined, unreadable),
      notes: recorded.notes,
      files: { withAgents: new Set(recorded.agents.map((a) => a.file)) },
    }
  }
  const base: BaseRef = { kind: 'git', ref: compare.ref, sha: compare.sha }
  let result: ScanResult
  try {
    result = context.scanBase(
      gitSource(compare.repo, compare.sha, compare.prefix),
    )
  } catch (error) {
    return {
      available: false,
      base,
      reason: `the base commit could not be read: ${errorMessage(error)}`,
    }
  }
  const baseAgents = result.assessments.map(snapshotOf)
  return {
    available: true,
    base,
    diff: diffAgents(
      baseAgents,
      headAgents,
      gitRenames(compare.repo, compare.sha, compare.prefix),
      unreadable,
    ),
    notes: [],
    files: {
      withAgents: new Set(baseAgents.map((a) => a.file)),
      unreadable: unreadableManifests(result.problems),
    },
    baseAgents: new Map(
      result.assessments.map((a) => [
        headKey({ ...a.profile.source, name: a.profile.name }),
        a,
      ]),
    ),
  }
}

/** Where a head agent came from, for the policy's ratchet conditions. */
export type HeadChange =
  | { readonly status: 'added'; readonly head: AgentSnapshot }
  | {
      readonly status: 'matched'
      readonly base: AgentSnapshot
      readonly head: AgentSnapshot
      readonly renamed?: RenameEvidence | undefined
    }

/** Head agents by `headKey`, each with its base counterpart if it has one. */
export function headChanges(diff: AgentDiff): Map<string, HeadChange> {
  const map = new Map<string, HeadChange>()
  for (const head of diff.added)
    map.set(headKey(head), { status: 'added', head })
  for (const c of diff.changed)
    map.set(headKey(c.head), {
      status: 'matched',
      base: c.base,
      head: c.head,
      renamed: c.renamed,
    })
  for (const r of diff.renamed)
    if (!map.has(headKey(r.head)))
      map.set(headKey(r.head), {
        status: 'matched',
        base: r.base,
        head: r.head,
        renamed: r.detectedBy,
      })
  for (const head of diff.unchanged)
    map.set(headKey(head), { status: 'matched', base: head, head })
  return map
}
