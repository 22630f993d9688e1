import { errorMessage } from '../core/errors.js'
import type { Logger } from '../core/logger.js'
import {
  commentDigest,
  isGateComment,
  type RenderedComment,
} from '../core/render/comment.js'
import type { CommentMode } from './inputs.js'

/**
 * The pull request comment: find ours by its marker (through every page of
 * comments), then create it, update it in place, leave it, or delete it, as
 * the mode says. The body is complete before this runs, and each outcome is
 * one write. Failures are one warning: the comment never changes the verdict.
 */

export interface IssueComment {
  readonly id: number
  readonly body?: string | null | undefined
  readonly url: string
  readonly author?:
    { readonly login: string; readonly type: string } | undefined
}

/** The four calls this needs; octokit.ts adapts Octokit to them, tests fake them. */
export interface CommentsApi {
  /** The pull request's comments, page by page, oldest first. */
  pages(): AsyncIterable<readonly IssueComment[]>
  create(body: string): Promise<IssueComment>
  update(id: number, body: string): Promise<IssueComment>
  remove(id: number): Promise<void>
}

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
}

/** Our comment: the first whose body starts with the marker, a bot's first. */
export async function findComment(
  api: CommentsApi,
): Promise<IssueComment | undefined> {
  let first: IssueComment | undefined
  for await (const page of api.pages()) {
    for (const comment of page) {
      if (!isGateComment(comment.body)) continue
      if (comment.author?.type === 'Bot') return comment
      first ??= comment
    }
  }
  return first
}

export async function syncComment(
  api: CommentsApi,
  request: CommentRequest,
  logger: Logger,
): Promise<CommentOutcome> {
  let step = 'read the pull request comments'
  try {
    const existing = await findComment(api)
    if (request.mode === 'on-failure' && !request.failed) {
      if (!existing) return { action: 'none' }
      step = 'delete the stale pull request comment'
      await api.remove(existing.id)
      logger.info(
        `deleted the aivss-gate comment ${existing.url}: the policy no longer fails`,
      )
      return { action: 'deleted' }
    }
    if (
      existing &&
      request.mode === 'on-change' &&
      commentDigest(existing.body) === request.comment.digest
    ) {
      logger.info(`the report is unchanged; left ${existing.url} as it is`)
      return { action: 'unchanged', url: existing.url }
    }
    if (existing) {
      step = 'update the pull request comment'
      const updated = await api.update(existing.id, request.comment.body)
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
