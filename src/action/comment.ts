import { errorMessage } from '../core/errors.js'
import type { Logger } from '../core/logger.js'
import {
  commentDigest,
  isGateComment,
  type RenderedComment,
} from '../core/render/comment.js'
import type { CommentMode } from './inputs.js'

/**
 * The pull request comment: find ours (through every page of comments), then
 * create it, update it in place, leave it, or delete it, as the mode says.
 * Ours means both: the body starts with the marker, and the account the
 * token writes as wrote it. Anyone can type the marker, so a comment that
 * only carries it is someone else's and is never edited, deleted or taken
 * as the unchanged report. The body is complete before this runs, and each
 * outcome is one write. Failures are one warning: the comment never changes
 * the verdict.
 */

export interface CommentAuthor {
  readonly login: string
  readonly type: string
}

export interface IssueComment {
  readonly id: number
  readonly body?: string | null | undefined
  readonly url: string
  readonly author?: CommentAuthor | undefined
}

/** The calls this needs; octokit.ts adapts Octokit to them, tests fake them. */
export interface CommentsApi {
  /**
   * The login of the account the token acts as (`GET /user`). A GitHub App
   * installation token, such as the workflow's GITHUB_TOKEN, cannot ask: it
   * rejects with 403.
   */
  viewer(): Promise<string>
  /** The pull request's comments, page by page, oldest first. */
  pages(): AsyncIterable<readonly IssueComment[]>
  create(body: string): Promise<IssueComment>
  update(id: number, body: string): Promise<IssueComment>
  remove(id: number): Promise<void>
}

/** The account the workflow's GITHUB_TOKEN writes comments as. */
export const ACTIONS_BOT = 'github-actions[bot]'

export type CommentOutcome =
  | {
      readonly action: 'created' | 'updated' | 'unchanged'
      readonly url: string
    }
  | { readonly action: 'deleted' | 'none' }
  | { readonly action: 'failed'; readonly status: number | undefined }

export interface CommentRequest {
  readonly mode: Exclude<CommentMode, 'never'>
  /** Whether the policy failed (warn-only or not). */
  readonly failed: boolean
  readonly comment: RenderedComment
  /**
   * For `auto`: the one-line body for a pull request that changes no agent
   * (absent when it changes one, or when there is no base to tell). Such a
   * pull request that passes gets no new comment, and ours shrinks to it.
   */
  readonly quiet?: RenderedComment | undefined
  /**
   * The login whose comments are the gate's, when it is known without asking
   * GitHub: the `comment-author` input, or github-actions[bot] for an
   * installation token (`tokenAccount`). Otherwise `GET /user` tells.
   */
  readonly author?: string | undefined
}

/**
 * The account a token writes as, when its kind tells: GitHub App
 * installation tokens (the workflow's GITHUB_TOKEN among them) start with
 * `ghs_` and cannot call `GET /user`, so asking would only cost a 403. Any
 * other token is asked.
 */
export function tokenAccount(token: string): string | undefined {
  return token.startsWith('ghs_') ? ACTIONS_BOT : undefined
}

/** Whether `login` wrote the comment (logins compare case-insensitively, bots must be bots). */
export function writtenBy(comment: IssueComment, login: string): boolean {
  const author = comment.author
  if (!author || author.login.toLowerCase() !== login.toLowerCase())
    return false
  return !login.toLowerCase().endsWith('[bot]') || author.type === 'Bot'
}

/** Every comment whose body starts with the marker, whoever wrote it, oldest first. */
export async function markedComments(
  api: CommentsApi,
): Promise<IssueComment[]> {
  const marked: IssueComment[] = []
  for await (const page of api.pages())
    for (const comment of page)
      if (isGateComment(comment.body)) marked.push(comment)
  return marked
}

/**
 * Our comment: the oldest one with the marker that `author` wrote. The
 * oldest, because it is the one the thread has linked to since the first
 * run; a newer copy (left by a run that could not see the first) stays.
 */
export async function findComment(
  api: CommentsApi,
  author: string,
): Promise<IssueComment | undefined> {
  return (await markedComments(api)).find((c) => writtenBy(c, author))
}

/**
 * The login the token acts as: `GET /user`, or github-actions[bot] when the
 * token cannot call it (401/403 from an installation token; 404 from a
 * server without the endpoint). Other failures propagate: without knowing
 * who we are, no comment is touched.
 */
async function askAccount(api: CommentsApi, logger: Logger): Promise<string> {
  try {
    return await api.viewer()
  } catch (error) {
    const status = statusOf(error)
    if (status !== 401 && status !== 403 && status !== 404) throw error
    logger.info(
      `the token cannot read its own account (GitHub answered ${status} to GET /user, as it does for GITHUB_TOKEN), so comments by ${ACTIONS_BOT} are taken as aivss-gate's; a GitHub App token needs the input comment-author`,
    )
    return ACTIONS_BOT
  }
}

export async function syncComment(
  api: CommentsApi,
  request: CommentRequest,
  logger: Logger,
): Promise<CommentOutcome> {
  let step = 'read the pull request comments'
  try {
    const marked = await markedComments(api)
    let existing: IssueComment | undefined
    // Who we are matters only when some comment claims to be ours.
    if (marked.length > 0) {
      step = 'find the account the token acts as'
      const author = request.author ?? (await askAccount(api, logger))
      existing = marked.find((c) => writtenBy(c, author))
      const others = marked.filter((c) => !writtenBy(c, author))
      if (others.length > 0) logger.info(leftAlone(others, author))
    }
    if (request.mode === 'on-failure' && !request.failed) {
      if (!existing) return { action: 'none' }
      step = 'delete the stale pull request comment'
      await api.remove(existing.id)
      logger.info(
        `deleted the aivss-gate comment ${existing.url}: the policy no longer fails`,
      )
      return { action: 'deleted' }
    }
    // auto: quiet when the pull request changes no agent and nothing fails.
    const quiet =
      request.mode === 'auto' && !request.failed ? request.quiet : undefined
    if (quiet && !existing) {
      logger.info('no agent changed by this pull request: no comment')
      return { action: 'none' }
    }
    const body = quiet ?? request.comment
    if (
      existing &&
      (request.mode === 'on-change' || request.mode === 'auto') &&
      commentDigest(existing.body) === body.digest
    ) {
      logger.info(`the report is unchanged; left ${existing.url} as it is`)
      return { action: 'unchanged', url: existing.url }
    }
    if (existing) {
      step = 'update the pull request comment'
      const updated = await api.update(existing.id, body.body)
      logger.info(`updated ${updated.url}`)
      return { action: 'updated', url: updated.url }
    }
    step = 'create the pull request comment'
    const created = await api.create(request.comment.body)
    logger.info(`created ${created.url}`)
    return { action: 'created', url: created.url }
  } catch (error) {
    const status = statusOf(error)
    logger.warning(failureMessage(step, status, error))
    return { action: 'failed', status }
  }
}

/** What the log says about marked comments that are not ours. */
function leftAlone(others: readonly IssueComment[], author: string): string {
  const n = others.length
  const line = `left ${n} comment${n === 1 ? '' : 's'} alone that start${n === 1 ? 's' : ''} with the aivss-gate marker but ${n === 1 ? 'was' : 'were'} not written by ${author}`
  // Another app's comments are most likely this gate's, run with that app's token.
  const apps = others.some((c) => c.author?.type === 'Bot')
  return apps && author === ACTIONS_BOT
    ? `${line}; if the gate writes with a GitHub App's token, set the input comment-author to the app's login (my-app[bot])`
    : line
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

const UNAFFECTED =
  'The verdict, job summary, annotations and outputs are not affected.'

/** One actionable sentence per kind of failure. */
export function failureMessage(
  step: string,
  status: number | undefined,
  error: unknown,
): string {
  const why = errorMessage(error).split('\n')[0]?.slice(0, 300) ?? ''
  if (status === 403 || status === 401)
    return `aivss-gate could not ${step}: GitHub answered ${status} (${why}). The token needs the \`pull-requests: write\` permission: add \`permissions: { contents: read, pull-requests: write }\` to the job. Pull requests from forks get a read-only token, so there is no comment for them. ${UNAFFECTED}`
  if (status === 404)
    return `aivss-gate could not ${step}: GitHub answered 404 (${why}). Check that github-token can see this repository. ${UNAFFECTED}`
  if (status === 422)
    return `aivss-gate could not ${step}: GitHub refused it with 422 (${why}). ${UNAFFECTED}`
  const name = (error as { name?: unknown } | null)?.name
  if (name === 'AbortError')
    return `aivss-gate could not ${step}: GitHub did not answer in time, so the comment was given up. ${UNAFFECTED}`
  // Octokit reports a failed connection as a 500 without a response.
  const unreachable =
    status === 500 &&
    (error as { response?: unknown } | null)?.response === undefined
  if (unreachable)
    return `aivss-gate could not ${step}: GitHub could not be reached (${why}), even after retrying. ${UNAFFECTED}`
  return `aivss-gate could not ${step}${status ? `: GitHub answered ${status}` : ''} (${why}), even after retrying. ${UNAFFECTED}`
}
