import type { Report } from '../report/schema.js'
import { renderChangeComment, renderQuietComment } from './change-comment.js'
import { renderCompact, utf8Bytes, type ReportLinks } from './compact.js'
import { sha256 } from './digest.js'
import { safeHttpUrl } from './escape.js'

/**
 * The pull request comment: one per pull request, found again by the hidden
 * marker on its first line and updated in place. Built whole, in the size
 * budget, before anything is written.
 */

export const COMMENT_MARKER = '<!-- aivss-gate:comment -->'

/** GitHub rejects comment bodies longer than 65,536 characters. */
export const COMMENT_LIMIT = 65_536

/** What the body is built to fit: the limit less a margin, in UTF-8 bytes. */
export const COMMENT_BUDGET = 65_000

export interface RenderedComment {
  readonly body: string
  /**
   * A digest of what the comment says, leaving out the link to the run (new
   * every run): equal digests mean nothing changed for the reader.
   */
  readonly digest: string
}

export interface CommentOptions {
  readonly links?: ReportLinks
  readonly budget?: number
  /** YYYY-MM-DD: the exception the comment suggests expires a quarter later. */
  readonly today?: string | undefined
}

/**
 * With a base, the comment is about the change (change-comment.ts);
 * without one (no pull request base could be read), it is the inventory in
 * the size budget.
 */
export function renderComment(
  report: Report,
  options: CommentOptions = {},
): RenderedComment {
  const links = { fullReportLabel: 'the job summary', ...options.links }
  const budget = options.budget ?? COMMENT_BUDGET
  const room = budget - utf8Bytes(head('0'.repeat(16)))
  const change =
    report.delta?.available === true
      ? renderChangeComment(report, report.delta, {
          links,
          today: options.today,
        })
      : undefined
  const content =
    change !== undefined && utf8Bytes(change) <= room
      ? change
      : renderCompact(report, { budget: room, links })
  return sealed(content, links, head)
}

/** The comment that replaces ours when no agent changed and the policy passes. */
export function renderQuietBody(report: Report): RenderedComment {
  return sealed(renderQuietComment(report), {}, head)
}

/** The hidden lines every comment of ours starts with. */
function head(digest: string): string {
  return `${COMMENT_MARKER}\n<!-- aivss-gate:digest ${digest} -->\n`
}

function sealed(
  content: string,
  links: ReportLinks,
  head: (digest: string) => string,
): RenderedComment {
  const runUrl = safeHttpUrl(links.fullReportUrl)
  const stable = runUrl ? content.split(runUrl).join('') : content
  const digest = sha256(stable).slice(0, 16)
  return { body: `${head(digest)}${content}`, digest }
}

/** Whether a comment body is one of ours: it starts with the marker. */
export function isGateComment(body: string | null | undefined): boolean {
  return typeof body === 'string' && body.startsWith(COMMENT_MARKER)
}

/** The digest recorded in one of our comments, if any. */
export function commentDigest(
  body: string | null | undefined,
): string | undefined {
  if (!isGateComment(body)) return undefined
  return /^<!-- aivss-gate:digest ([0-9a-f]{16}) -->$/m.exec(body ?? '')?.[1]
}
