import { describe, expect, it } from 'vitest'
import { findComment, syncComment } from '../../src/action/comment.js'
import type { Logger } from '../../src/core/logger.js'
import {
  COMMENT_MARKER,
  renderComment,
  renderQuietBody,
} from '../../src/core/render/comment.js'
import { FakeComments } from '../support/fake-comments.js'
import {
  failingDescriptor,
  gateReport,
  passingDescriptor,
} from '../support/reports.js'

function recorder(): Logger & { warnings: string[] } {
  const warnings: string[] = []
  return {
    debug: () => undefined,
    info: () => undefined,
    warning: (m) => warnings.push(m),
    warnings,
  }
}

const failing = renderComment(
  gateReport({ 'a.aivss.yml': failingDescriptor('risky') }),
)
const passing = renderComment(
  gateReport({ 'a.aivss.yml': passingDescriptor('calm') }),
)

describe('the pull request comment, on a fake thread', () => {
  it('is created once, then updated in place', async () => {
    const thread = new FakeComments()
    const log = recorder()
    const first = await syncComment(
      thread,
      { mode: 'always', failed: true, comment: failing },
      log,
    )
    const second = await syncComment(
      thread,
      { mode: 'always', failed: true, comment: failing },
      log,
    )
    expect(first.action).toBe('created')
    expect(second).toEqual({
      action: 'updated',
      url: 'url' in first ? first.url : '',
    })
    expect(thread.comments).toHaveLength(1)
    expect(log.warnings).toEqual([])
  })

  it('auto: none for a pull request that changes no agent and passes; an earlier one shrinks to one line', async () => {
    const quiet = renderQuietBody(
      gateReport({ 'a.aivss.yml': passingDescriptor('calm') }),
    )
    const thread = new FakeComments()
    const log = recorder()
    const request = {
      mode: 'auto' as const,
      failed: false,
      comment: passing,
      quiet,
      author: 'github-actions[bot]',
    }
    expect(await syncComment(thread, request, log)).toEqual({ action: 'none' })
    expect(thread.comments).toHaveLength(0)
    // A later push that changes an agent writes the comment...
    const written = await syncComment(
      thread,
      { ...request, quiet: undefined },
      log,
    )
    expect(written.action).toBe('created')
    // ...which a push that reverts it shrinks, then leaves alone.
    expect((await syncComment(thread, request, log)).action).toBe('updated')
    expect(thread.comments[0]?.body).toBe(quiet.body)
    expect((await syncComment(thread, request, log)).action).toBe('unchanged')
    // A failing run is never quiet.
    expect(
      (
        await syncComment(
          thread,
          { ...request, failed: true, comment: failing },
          log,
        )
      ).action,
    ).toBe('updated')
    expect(thread.comments).toHaveLength(1)
    expect(log.warnings).toEqual([])
  })

  it('finds its marker past the first page', async () => {
    const thread = new FakeComments(100)
    for (let i = 0; i < 120; i++) thread.add(`comment ${i}`)
    const ours = thread.add(failing.body, 'Bot')
    for (let i = 0; i < 29; i++) thread.add(`later ${i}`)
    expect((await findComment(thread, 'github-actions[bot]'))?.id).toBe(ours.id)
    thread.calls.length = 0
    const outcome = await syncComment(
      thread,
      { mode: 'always', failed: true, comment: passing },
      recorder(),
    )
    expect(outcome.action).toBe('updated')
    // GET /user answers an installation token 403: github-actions[bot] is us.
    expect(thread.calls).toEqual([
      'list page 1',
      'list page 2',
      'viewer',
      `update ${ours.id}`,
    ])
    expect(
      thread.comments.filter((c) => c.body?.startsWith(COMMENT_MARKER)),
    ).toHaveLength(1)
  })

  it('ignores comments that only quote the marker', async () => {
    const thread = new FakeComments()
    thread.add(`> ${COMMENT_MARKER}\nquoted`)
    expect(await findComment(thread, 'someone')).toBeUndefined()
  })

  it('on-change leaves an unchanged comment alone', async () => {
    const thread = new FakeComments()
    thread.add(failing.body, 'Bot')
    const outcome = await syncComment(
      thread,
      { mode: 'on-change', failed: true, comment: failing },
      recorder(),
    )
    expect(outcome.action).toBe('unchanged')
    expect(thread.calls).toEqual(['list page 1', 'viewer'])
    const changed = await syncComment(
      thread,
      { mode: 'on-change', failed: false, comment: passing },
      recorder(),
    )
    expect(changed.action).toBe('updated')
  })

  it('on-failure posts only while failing and deletes the stale comment once clean', async () => {
    const thread = new FakeComments()
    expect(
      (
        await syncComment(
          thread,
          { mode: 'on-failure', failed: false, comment: passing },
          recorder(),
        )
      ).action,
    ).toBe('none')
    expect(thread.comments).toHaveLength(0)
    expect(
      (
        await syncComment(
          thread,
          { mode: 'on-failure', failed: true, comment: failing },
          recorder(),
        )
      ).action,
    ).toBe('created')
    expect(
      (
        await syncComment(
          thread,
          { mode: 'on-failure', failed: false, comment: passing },
          recorder(),
        )
      ).action,
    ).toBe('deleted')
    expect(thread.comments).toHaveLength(0)
  })

  it('turns a 403 into one warning that names pull-requests: write', async () => {
    for (const call of ['list', 'create', 'update'] as const) {
      const thread = new FakeComments()
      if (call === 'update') thread.add(failing.body, 'Bot')
      thread.failWith[call] = 403
      const log = recorder()
      const outcome = await syncComment(
        thread,
        { mode: 'always', failed: true, comment: failing },
        log,
      )
      expect(outcome).toEqual({ action: 'failed', status: 403 })
      expect(log.warnings).toHaveLength(1)
      expect(log.warnings[0]).toContain('`pull-requests: write`')
      expect(log.warnings[0]).toContain('not affected')
    }
  })

  it('turns a server error into a warning too', async () => {
    const thread = new FakeComments()
    thread.failWith.create = 502
    const log = recorder()
    expect(
      (
        await syncComment(
          thread,
          { mode: 'always', failed: true, comment: failing },
          log,
        )
      ).action,
    ).toBe('failed')
    expect(log.warnings).toEqual([
      expect.stringContaining('GitHub answered 502'),
    ])
  })
})
