import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { syncComment } from '../../src/action/comment.js'
import { commentsApi, createOctokit } from '../../src/action/octokit.js'
import type { Logger } from '../../src/core/logger.js'
import { COMMENT_MARKER, renderComment } from '../../src/core/render/comment.js'
import { FakeGitHub } from '../support/github-server.js'
import { failingDescriptor, gateReport } from '../support/reports.js'

const comment = renderComment(
  gateReport({ 'a.aivss.yml': failingDescriptor('risky') }),
)
let github: FakeGitHub
let issue = 0

function recorder(): Logger & { warnings: string[] } {
  const warnings: string[] = []
  return {
    debug: () => undefined,
    info: () => undefined,
    warning: (m) => warnings.push(m),
    warnings,
  }
}

function api(token: string, logger: Logger, deadlineMs = 10_000) {
  issue += 1
  const octokit = createOctokit({
    token,
    baseUrl: github.url,
    logger,
    retryAfterMs: 10,
    deadlineMs,
  })
  return {
    issue,
    comments: commentsApi(octokit, {
      owner: 'acme',
      repo: 'agents',
      number: issue,
    }),
  }
}

beforeAll(async () => {
  github = await new FakeGitHub().start()
})
afterAll(async () => {
  await github.stop()
})
afterEach(() => {
  expect(github.problems).toEqual([])
  github.requests.length = 0
  github.failures.length = 0
  github.delay = 0
})

describe('the comment through Octokit, against a GitHub that follows the OpenAPI description', () => {
  it('pages through 150 comments to find and update ours', async () => {
    const log = recorder()
    const { issue, comments } = api('write-token', log)
    github.seed(
      issue,
      Array.from({ length: 120 }, (_, i) => `comment ${i}`),
    )
    github.seed(issue, [`${COMMENT_MARKER}\nold report`], 'github-actions[bot]')
    github.seed(
      issue,
      Array.from({ length: 29 }, (_, i) => `later ${i}`),
    )
    const outcome = await syncComment(
      comments,
      { mode: 'always', failed: true, comment },
      log,
    )
    expect(outcome.action).toBe('updated')
    expect(
      github.requests.map((r) => `${r.method} ${r.path}${r.query}`),
    ).toEqual([
      `GET /repos/acme/agents/issues/${issue}/comments?per_page=100`,
      `GET /repos/acme/agents/issues/${issue}/comments?per_page=100&page=2`,
      // An installation token cannot read its account: github-actions[bot] is us.
      'GET /user',
      `PATCH /repos/acme/agents/issues/comments/${github.thread(issue)[120]!.id}`,
    ])
    expect(github.thread(issue)).toHaveLength(150)
    expect(log.warnings).toEqual([])
  })

  it('retries a server error and then succeeds', async () => {
    const log = recorder()
    const { issue, comments } = api('write-token', log)
    github.failures.push({ method: 'POST', status: 502 })
    const outcome = await syncComment(
      comments,
      { mode: 'always', failed: true, comment },
      log,
    )
    expect(outcome.action).toBe('created')
    expect(
      github.requests.filter((r) => r.method === 'POST').map((r) => r.status),
    ).toEqual([502, 201])
    expect(github.thread(issue)).toHaveLength(1)
    expect(log.warnings).toEqual([])
  })

  it('gives up after a bounded number of retries, with one warning', async () => {
    const log = recorder()
    const { comments } = api('write-token', log)
    for (let i = 0; i < 5; i++)
      github.failures.push({ method: 'POST', status: 503 })
    const outcome = await syncComment(
      comments,
      { mode: 'always', failed: true, comment },
      log,
    )
    expect(outcome).toEqual({ action: 'failed', status: 503 })
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(3)
    expect(log.warnings).toEqual([
      expect.stringContaining('GitHub answered 503'),
    ])
  })

  it('does not retry a 403 from a read-only token', async () => {
    const log = recorder()
    const { comments } = api('read-token', log)
    const outcome = await syncComment(
      comments,
      { mode: 'always', failed: true, comment },
      log,
    )
    expect(outcome).toEqual({ action: 'failed', status: 403 })
    expect(github.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 403',
    ])
    expect(log.warnings).toHaveLength(1)
    expect(log.warnings[0]).toContain('`pull-requests: write`')
  })

  it('says so when GitHub cannot be reached at all', async () => {
    const log = recorder()
    const octokit = createOctokit({
      token: 'write-token',
      baseUrl: 'http://127.0.0.1:9',
      logger: log,
      retryAfterMs: 10,
    })
    const comments = commentsApi(octokit, {
      owner: 'acme',
      repo: 'agents',
      number: 1,
    })
    const outcome = await syncComment(
      comments,
      { mode: 'always', failed: true, comment },
      log,
    )
    expect(outcome.action).toBe('failed')
    expect(log.warnings).toEqual([
      expect.stringContaining('GitHub could not be reached'),
    ])
  })

  it('stops at the deadline when GitHub does not answer', async () => {
    const log = recorder()
    const { comments } = api('write-token', log, 300)
    github.delay = 1500
    const started = Date.now()
    const outcome = await syncComment(
      comments,
      { mode: 'always', failed: true, comment },
      log,
    )
    expect(Date.now() - started).toBeLessThan(1400)
    expect(outcome.action).toBe('failed')
    expect(log.warnings).toEqual([
      expect.stringContaining('did not answer in time'),
    ])
    await new Promise((r) => setTimeout(r, 1300))
  })
})
