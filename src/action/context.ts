import { existsSync, readFileSync } from 'node:fs'
import {
  branchName,
  checkoutProvenance,
  type Provenance,
} from '../core/git/provenance.js'
import type { CheckoutLookup } from '../core/git/run-git.js'

/**
 * Where the Action runs, as plain data read from the runner's environment
 * and the event payload: which repository, which pull request (if any), and
 * the URLs that links in the report point to.
 */
export interface PullRequestTarget {
  readonly number: number
  /** The head commit, for links to the files as the pull request has them. */
  readonly headSha: string | undefined
  /** The base commit the pull request is compared with. */
  readonly baseSha?: string | undefined
  /** The base branch's name, for the report. */
  readonly baseRef?: string | undefined
}

export interface RunTarget {
  readonly owner: string
  readonly repo: string
  readonly eventName: string
  readonly workspace: string
  readonly serverUrl: string
  readonly apiUrl: string
  /** The workflow run, whose job summary holds the full report. */
  readonly runUrl: string | undefined
  /** Set for pull request events only. */
  readonly pullRequest: PullRequestTarget | undefined
  /**
   * A merge queue's group (`merge_group`): its checkout holds the queued
   * pull requests merged onto `baseSha`, their changes not yet reviewed
   * into the base, so the base commit's configuration judges it.
   */
  readonly mergeGroup?: ReviewedBase | undefined
}

/** The commit a run's changes are judged against, and its branch. */
export interface ReviewedBase {
  readonly baseSha?: string | undefined
  readonly baseRef?: string | undefined
}

/**
 * The base whose configuration judges the run: the pull request's, or the
 * merge group's. Undefined outside them (a push: the workspace is merged).
 */
export function reviewedBase(target: RunTarget): ReviewedBase | undefined {
  return target.pullRequest ?? target.mergeGroup
}

const NAME = /^[A-Za-z0-9_.-]+$/

export function readTarget(
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): RunTarget {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(
    /\/+$/,
    '',
  )
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(
    /\/+$/,
    '',
  )
  const known = NAME.test(owner) && NAME.test(repo)
  const runId = env.GITHUB_RUN_ID ?? ''
  return {
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    workspace: env.GITHUB_WORKSPACE || cwd,
    serverUrl,
    apiUrl,
    runUrl:
      known && /^\d+$/.test(runId)
        ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}${/^\d+$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ''}`
        : undefined,
    ...events(known ? readPayload(env.GITHUB_EVENT_PATH) : undefined),
  }
}

function events(
  payload: unknown,
): Pick<RunTarget, 'pullRequest' | 'mergeGroup'> {
  return {
    pullRequest: pullRequestOf(payload),
    mergeGroup: mergeGroupOf(payload),
  }
}

/** A `merge_group` payload's base; the queue names it by `base_sha`. */
function mergeGroupOf(payload: unknown): ReviewedBase | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined
  const group = (payload as { merge_group?: unknown }).merge_group
  if (typeof group !== 'object' || group === null) return undefined
  const { base_sha: sha, base_ref: ref } = group as {
    base_sha?: unknown
    base_ref?: unknown
  }
  return { baseSha: commitSha(sha), baseRef: branchName(ref) }
}

/** `https://github.com/o/r/blob/<sha>`, when the head commit is known. */
export function blobBase(target: RunTarget): string | undefined {
  const sha = target.pullRequest?.headSha
  return sha
    ? `${target.serverUrl}/${target.owner}/${target.repo}/blob/${sha}`
    : undefined
}

/**
 * Where the scanned files came from, for SARIF: the repository on the
 * server, the commit checked out (the workspace's HEAD, else GITHUB_SHA)
 * and the branch (a pull request's head branch, else the ref's name).
 */
export function runProvenance(
  target: RunTarget,
  checkout: CheckoutLookup,
  env: NodeJS.ProcessEnv,
): Provenance | undefined {
  const known = NAME.test(target.owner) && NAME.test(target.repo)
  const given = {
    repositoryUri: known
      ? `${target.serverUrl}/${target.owner}/${target.repo}`
      : undefined,
    revisionId: commitSha(env.GITHUB_SHA),
    branch: branchName(env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME),
  }
  if (!('error' in checkout)) return checkoutProvenance(checkout, given)
  return given.repositoryUri
    ? { ...given, repositoryUri: given.repositoryUri }
    : undefined
}

/** The event payload; one that cannot be read is treated as no pull request. */
function readPayload(path: string | undefined): unknown {
  if (!path || !existsSync(path)) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

/** A payload with a `pull_request` (pull_request, pull_request_target, reviews). */
function pullRequestOf(payload: unknown): PullRequestTarget | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined
  const pr = (payload as { pull_request?: unknown }).pull_request
  if (typeof pr !== 'object' || pr === null) return undefined
  const { number, head, base } = pr as {
    number?: unknown
    head?: { sha?: unknown }
    base?: { sha?: unknown; ref?: unknown }
  }
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1)
    return undefined
  return {
    number,
    headSha: commitSha(head?.sha),
    baseSha: commitSha(base?.sha),
    baseRef: branchName(base?.ref),
  }
}

function commitSha(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{7,64}$/.test(value)
    ? value
    : undefined
}
