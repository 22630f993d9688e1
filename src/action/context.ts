import { existsSync, readFileSync } from 'node:fs'

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
    pullRequest: known
      ? pullRequestOf(readPayload(env.GITHUB_EVENT_PATH))
      : undefined,
  }
}

/** `https://github.com/o/r/blob/<sha>`, when the head commit is known. */
export function blobBase(target: RunTarget): string | undefined {
  const sha = target.pullRequest?.headSha
  return sha
    ? `${target.serverUrl}/${target.owner}/${target.repo}/blob/${sha}`
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
    baseRef:
      typeof base?.ref === 'string' && /^[\w./-]{1,250}$/.test(base.ref)
        ? base.ref
        : undefined,
  }
}

function commitSha(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{7,64}$/.test(value)
    ? value
    : undefined
}
