import { getOctokit } from '@actions/github'
import { defaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import type { Logger } from '../core/logger.js'
import type { CommentsApi, IssueComment } from './comment.js'

/**
 * The GitHub client: the toolkit's Octokit (with its proxy support) plus
 * retries of server errors and GitHub's rate-limit etiquette, all bounded:
 * a few retries, short waits, and one deadline for every request of the run,
 * after which the comment is given up with a warning.
 */

export type Octokit = ReturnType<typeof getOctokit>

export interface OctokitSettings {
  readonly token: string
  readonly baseUrl: string
  /** Retries of a request that failed with a 5xx or a network error. */
  readonly retries?: number
  /** Wait before retry n is n² × this many milliseconds. */
  readonly retryAfterMs?: number
  /** Every request of the run must be done within this many milliseconds. */
  readonly deadlineMs?: number
  /** Longest rate-limit wait worth taking, in seconds; longer ones give up. */
  readonly maxRateLimitWait?: number
  readonly logger: Logger
}

let clients = 0

export function createOctokit(settings: OctokitSettings): Octokit {
  const { logger } = settings
  const deadline = new AbortController()
  // An AbortError (not a timeout) makes a request fail at once, unretried.
  setTimeout(() => deadline.abort(), settings.deadlineMs ?? 60_000).unref()
  const maxWait = settings.maxRateLimitWait ?? 10
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method?: string; url?: string },
      _o: unknown,
      retryCount: number,
    ): boolean => {
      const again = retryCount < 1 && retryAfter <= maxWait
      logger.info(
        `GitHub ${kind} rate limit on ${options.method ?? ''} ${options.url ?? ''}: ${again ? `retrying after ${retryAfter} s` : 'giving up'}`,
      )
      return again
    }
  return getOctokit(
    settings.token,
    {
      baseUrl: settings.baseUrl,
      request: { ...defaults.request, signal: deadline.signal },
      retry: {
        retries: settings.retries ?? 2,
        retryAfterBaseValue: settings.retryAfterMs ?? 1000,
      },
      throttle: {
        // Each client paces its own writes (GitHub's one a second).
        id: `aivss-gate-${++clients}`,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
      log: {
        debug: (m: string) => logger.debug(m),
        info: (m: string) => logger.debug(m),
        warn: (m: string) => logger.debug(m),
        error: (m: string) => logger.debug(m),
      },
    },
    retry,
    throttling,
  )
}

/** The comment calls of one pull request (and who the token is), as the plain functions comment.ts uses. */
export function commentsApi(
  octokit: Octokit,
  target: {
    readonly owner: string
    readonly repo: string
    readonly number: number
  },
): CommentsApi {
  const issue = {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
  }
  const plain = (c: {
    id: number
    body?: string | undefined
    html_url: string
    user: { login: string; type: string } | null
  }): IssueComment => ({
    id: c.id,
    body: c.body,
    url: c.html_url,
    author: c.user ? { login: c.user.login, type: c.user.type } : undefined,
  })
  return {
    viewer: async () =>
      (await octokit.rest.users.getAuthenticated()).data.login,
    async *pages() {
      const pages = octokit.paginate.iterator(
        octokit.rest.issues.listComments,
        {
          ...issue,
          per_page: 100,
        },
      )
      for await (const page of pages) yield page.data.map(plain)
    },
    create: async (body) =>
      plain((await octokit.rest.issues.createComment({ ...issue, body })).data),
    update: async (id, body) =>
      plain(
        (
          await octokit.rest.issues.updateComment({
            owner: target.owner,
            repo: target.repo,
            comment_id: id,
            body,
          })
        ).data,
      ),
    remove: async (id) => {
      await octokit.rest.issues.deleteComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: id,
      })
    },
  }
}
