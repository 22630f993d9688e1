import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  findComment,
  syncComment,
  writtenBy,
  type CommentRequest,
  type CommentsApi,
} from '../../src/action/comment.js'
import { commentsApi, createOctokit } from '../../src/action/octokit.js'
import type { Logger } from '../../src/core/logger.js'
import { COMMENT_MARKER, renderComment } from '../../src/core/render/comment.js'
import { pullRequestEvent, runAction } from '../support/action.js'
import { FakeComments } from '../support/fake-comments.js'
import { tempTree } from '../support/files.js'
import { FakeGitHub, type StoredComment } from '../support/github-server.js'
import {
  failingDescriptor,
  gateReport,
  passingDescriptor,
} from '../support/reports.js'

/**
 * Anyone can start a comment with the marker, and with the digest of the
 * report the gate is about to post (it is computed from the pull request's
 * own files). Such a comment is not the gate's: it is never edited, never
 * deleted, and never taken as the unchanged report; the gate posts its own.
 * Every request goes to a local GitHub that checks it against the OpenAPI
 * description and records who wrote each comment.
 */

const failing = renderComment(
  gateReport({ 'a.aivss.yml': failingDescriptor('risky') }),
)
const passing = renderComment(
  gateReport({ 'a.aivss.yml': passingDescriptor('calm') }),
)

let github: FakeGitHub
let issue = 500

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
})

function recorder(): Logger & { infos: string[]; warnings: string[] } {
  const infos: string[] = []
  const warnings: string[] = []
  return {
    debug: () => undefined,
    info: (m) => infos.push(m),
    warning: (m) => warnings.push(m),
    infos,
    warnings,
  }
}

function thread(token: string) {
  const number = ++issue
  const octokit = createOctokit({
    token,
    baseUrl: github.url,
    logger: recorder(),
    retryAfterMs: 1,
  })
  return {
    number,
    api: commentsApi(octokit, { owner: 'acme', repo: 'agents', number }),
  }
}

/** A comment someone else wrote, carrying the marker and the right digest. */
function forge(number: number, body: string, login = 'mallory'): StoredComment {
  github.seed(number, [body], login)
  return github.thread(number).at(-1)!
}

/** An earlier report of the gate's, written as `login`. */
function oldReport(number: number, login: string): StoredComment {
  return forge(number, `${COMMENT_MARKER}\nold report`, login)
}

/** The gate's sync of the failing report in mode always. */
function syncFailing(api: CommentsApi) {
  return syncComment(
    api,
    { mode: 'always', failed: true, comment: failing },
    recorder(),
  )
}

function writesTo(id: number): string[] {
  return github.requests
    .filter(
      (r) =>
        (r.method === 'PATCH' || r.method === 'DELETE') &&
        r.path.endsWith(`/comments/${id}`),
    )
    .map((r) => `${r.method} ${r.path}`)
}

type Mode = CommentRequest['mode']
const CASES: ReadonlyArray<{
  mode: Mode
  failed: boolean
  forged: typeof failing
  posts: boolean
}> = [
  { mode: 'always', failed: true, forged: failing, posts: true },
  { mode: 'on-failure', failed: true, forged: failing, posts: true },
  { mode: 'on-failure', failed: false, forged: passing, posts: false },
  { mode: 'on-change', failed: true, forged: failing, posts: true },
  { mode: 'on-change', failed: false, forged: passing, posts: true },
]

describe("another account's comment that starts with the marker", () => {
  for (const c of CASES)
    it(`is left alone in mode ${c.mode} (${c.failed ? 'failing' : 'passing'}), and the gate posts its own`, async () => {
      const { number, api } = thread('write-token')
      const theirs = forge(number, c.forged.body)
      const before = theirs.body
      const log = recorder()
      const outcome = await syncComment(
        api,
        {
          mode: c.mode,
          failed: c.failed,
          comment: c.failed ? failing : passing,
        },
        log,
      )
      expect(writesTo(theirs.id)).toEqual([])
      expect(github.thread(number)[0]).toMatchObject({
        id: theirs.id,
        body: before,
        login: 'mallory',
      })
      expect(outcome.action).toBe(c.posts ? 'created' : 'none')
      const ours = github.thread(number).filter((s) => s.id !== theirs.id)
      expect(ours.map((s) => s.login)).toEqual(
        c.posts ? ['github-actions[bot]'] : [],
      )
      expect(log.warnings).toEqual([])
      expect(log.infos.join('\n')).toContain('left 1 comment alone')
    })

  it('is not ours when it only looks like the bot: a user called github-actions, another app', async () => {
    for (const login of ['github-actions', 'GitHub-Actions', 'evil-app[bot]']) {
      const { number, api } = thread('write-token')
      const theirs = forge(number, failing.body, login)
      const log = recorder()
      const outcome = await syncComment(
        api,
        { mode: 'on-change', failed: true, comment: failing },
        log,
      )
      expect(outcome.action).toBe('created')
      expect(writesTo(theirs.id)).toEqual([])
      // Another app's marked comment: the log says how to make it ours.
      expect(
        log.infos.join('\n').includes('set the input comment-author'),
      ).toBe(login.endsWith('[bot]'))
    }
  })

  it('cannot make on-change keep it as the unchanged report by copying the digest', async () => {
    const { number, api } = thread('write-token')
    // Ours is stale; theirs carries the digest of the new report.
    github.seed(number, [passing.body], 'github-actions[bot]')
    const ours = github.thread(number)[0]!
    const theirs = forge(number, failing.body)
    const outcome = await syncComment(
      api,
      { mode: 'on-change', failed: true, comment: failing },
      recorder(),
    )
    expect(outcome.action).toBe('updated')
    expect(writesTo(ours.id)).toEqual([
      `PATCH /repos/acme/agents/issues/comments/${ours.id}`,
    ])
    expect(writesTo(theirs.id)).toEqual([])
    expect(github.thread(number)[0]!.body).toBe(failing.body)
  })
})

describe("the gate's own comment", () => {
  it("is github-actions[bot]'s for GITHUB_TOKEN: updated in place, past another's marked comment", async () => {
    const { number, api } = thread('write-token')
    const theirs = forge(number, failing.body)
    const ours = oldReport(number, 'github-actions[bot]')
    const outcome = await syncFailing(api)
    expect(outcome.action).toBe('updated')
    expect(writesTo(ours.id)).toHaveLength(1)
    expect(writesTo(theirs.id)).toEqual([])
    expect(
      github.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
    ).toEqual([
      `GET /repos/acme/agents/issues/${number}/comments 200`,
      'GET /user 403',
      `PATCH /repos/acme/agents/issues/comments/${ours.id} 200`,
    ])
  })

  it("is the GET /user account's for a personal token, and then a bot's marked comment is not ours", async () => {
    const { number, api } = thread('pat-token')
    const bots = forge(number, failing.body, 'github-actions[bot]')
    const ours = oldReport(number, 'gate-admin')
    const outcome = await syncFailing(api)
    expect(outcome.action).toBe('updated')
    expect(writesTo(ours.id)).toHaveLength(1)
    expect(writesTo(bots.id)).toEqual([])
    expect(github.requests.some((r) => r.path === '/user')).toBe(true)
  })

  it('is the comment-author account when the workflow names it, without asking GET /user', async () => {
    const { number, api } = thread('app-token')
    const bots = forge(number, failing.body, 'github-actions[bot]')
    const ours = oldReport(number, 'aivss-app[bot]')
    const outcome = await syncComment(
      api,
      {
        mode: 'on-failure',
        failed: false,
        comment: passing,
        author: 'AIVSS-App[bot]',
      },
      recorder(),
    )
    expect(outcome.action).toBe('deleted')
    expect(writesTo(ours.id)).toEqual([
      `DELETE /repos/acme/agents/issues/comments/${ours.id}`,
    ])
    expect(writesTo(bots.id)).toEqual([])
    expect(github.requests.some((r) => r.path === '/user')).toBe(false)
    // A new comment written with that token is found as ours next time.
    const created = await syncComment(
      api,
      {
        mode: 'always',
        failed: true,
        comment: failing,
        author: 'aivss-app[bot]',
      },
      recorder(),
    )
    const again = await syncComment(
      api,
      {
        mode: 'on-change',
        failed: true,
        comment: failing,
        author: 'aivss-app[bot]',
      },
      recorder(),
    )
    expect(created.action).toBe('created')
    expect(again).toEqual({
      action: 'unchanged',
      url: 'url' in created ? created.url : '',
    })
  })

  it('is the oldest of several of ours; the others stay', async () => {
    const { number, api } = thread('write-token')
    github.seed(
      number,
      [`${COMMENT_MARKER}\nfirst`, `${COMMENT_MARKER}\nsecond`],
      'github-actions[bot]',
    )
    const [first, second] = github.thread(number)
    await syncFailing(api)
    expect(writesTo(first!.id)).toHaveLength(1)
    expect(writesTo(second!.id)).toEqual([])
  })

  it('is not guessed when GitHub cannot say who the token is: nothing is written', async () => {
    const fake = new FakeComments(30, { login: 'gate-admin', type: 'User' })
    fake.add(failing.body, { login: 'mallory', type: 'User' })
    fake.failWith.viewer = 502
    const log = recorder()
    const outcome = await syncComment(
      fake,
      { mode: 'always', failed: true, comment: failing },
      log,
    )
    expect(outcome).toEqual({ action: 'failed', status: 502 })
    expect(fake.calls).toEqual(['list page 1', 'viewer'])
    expect(log.warnings).toEqual([
      expect.stringContaining('find the account the token acts as'),
    ])
  })
})

describe('the fake thread agrees', () => {
  it('findComment returns only a comment the given account wrote', async () => {
    const fake = new FakeComments()
    fake.add(failing.body, { login: 'mallory', type: 'User' })
    expect(await findComment(fake, 'github-actions[bot]')).toBeUndefined()
    const ours = fake.add(failing.body, 'Bot')
    expect((await findComment(fake, 'github-actions[bot]'))?.id).toBe(ours.id)
  })
})

describe('dist/index.js leaves marked comments of others alone', () => {
  function checkout(failingPolicy: boolean): string {
    return tempTree({
      'agents/risky.aivss.yml': failingPolicy
        ? failingDescriptor('risky')
        : passingDescriptor('risky'),
    })
  }

  function onPullRequest(
    workspace: string,
    number: number,
    inputs: Record<string, string>,
  ) {
    return runAction({
      workspace,
      event: pullRequestEvent(number),
      apiUrl: github.url,
      inputs: { 'github-token': 'write-token', 'warn-only': 'true', ...inputs },
    })
  }

  /** The body the gate would post, as anyone can compute it from the PR's files. */
  async function bodyFor(workspace: string): Promise<string> {
    const scratch = ++issue
    await onPullRequest(workspace, scratch, { comment: 'always' })
    const body = github.thread(scratch)[0]!.body
    github.requests.length = 0
    return body
  }

  for (const mode of ['always', 'on-failure', 'on-change'] as const)
    for (const failed of mode === 'on-failure' ? [true, false] : [true])
      it(`mode ${mode}, ${failed ? 'failing' : 'passing'}: mallory's copy of the report is not edited, deleted or kept as ours`, async () => {
        const workspace = checkout(failed)
        const number = ++issue
        const theirs = forge(number, await bodyFor(workspace))
        const run = await onPullRequest(workspace, number, { comment: mode })
        expect(run.code).toBe(0)
        expect(writesTo(theirs.id)).toEqual([])
        expect(github.thread(number)[0]).toMatchObject({
          id: theirs.id,
          login: 'mallory',
        })
        const ours = github.thread(number).slice(1)
        if (mode === 'on-failure' && !failed) {
          expect(ours).toEqual([])
          expect(run.outputs['comment-url']).toBe('')
        } else {
          expect(ours.map((c) => c.login)).toEqual(['github-actions[bot]'])
          expect(run.outputs['comment-url']).toMatch(
            new RegExp(`#issuecomment-${ours[0]!.id}$`),
          )
        }
      })

  it('honours comment-author: the named app account is ours, github-actions[bot] is not', async () => {
    const workspace = checkout(true)
    const number = ++issue
    const bots = forge(number, await bodyFor(workspace), 'github-actions[bot]')
    const first = await onPullRequest(workspace, number, {
      'github-token': 'app-token',
      'comment-author': 'aivss-app[bot]',
      comment: 'on-change',
    })
    const second = await onPullRequest(workspace, number, {
      'github-token': 'app-token',
      'comment-author': 'aivss-app[bot]',
      comment: 'always',
    })
    expect(first.code).toBe(0)
    expect(writesTo(bots.id)).toEqual([])
    const ours = github.thread(number)[1]!
    expect(ours.login).toBe('aivss-app[bot]')
    expect(github.thread(number)).toHaveLength(2)
    expect(writesTo(ours.id)).toHaveLength(1)
    expect(second.outputs['comment-url']).toMatch(
      new RegExp(`#issuecomment-${ours.id}$`),
    )
    expect(github.requests.some((r) => r.path === '/user')).toBe(false)
  })

  it("takes GET /user's account for a personal token", async () => {
    const workspace = checkout(true)
    const number = ++issue
    const bots = forge(number, await bodyFor(workspace), 'github-actions[bot]')
    const ours = oldReport(number, 'gate-admin')
    const run = await onPullRequest(workspace, number, {
      'github-token': 'pat-token',
    })
    expect(run.code).toBe(0)
    expect(writesTo(bots.id)).toEqual([])
    expect(writesTo(ours.id)).toHaveLength(1)
  })

  it('refuses a comment-author that is not a login', async () => {
    const run = await onPullRequest(checkout(true), ++issue, {
      'comment-author': 'not a login',
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('input comment-author')
    expect(github.requests).toEqual([])
  })
})

describe('variants of a comment that passes for the gate', () => {
  it("a bot's login on an account GitHub reports as a User is not the bot", () => {
    const comment = (login: string, type: string) => ({
      id: 1,
      body: `${COMMENT_MARKER}\nx`,
      url: 'u',
      author: { login, type },
    })
    expect(
      writtenBy(comment('github-actions[bot]', 'User'), 'github-actions[bot]'),
    ).toBe(false)
    expect(
      writtenBy(comment('Github-Actions[bot]', 'Bot'), 'github-actions[bot]'),
    ).toBe(true)
    expect(
      writtenBy(comment('github-actions', 'User'), 'github-actions[bot]'),
    ).toBe(false)
  })

  it("a forged copy on page 1 stays; the gate's own on page 2 is the one updated, in every mode", async () => {
    for (const mode of ['always', 'on-failure', 'on-change'] as const) {
      const { number, api } = thread('write-token')
      const theirs = forge(number, failing.body)
      github.seed(
        number,
        Array.from({ length: 110 }, (_, i) => `comment ${i}`),
      )
      // Another user's edit with the marker in the middle of the body.
      const edited = forge(
        number,
        `looks fine\n${COMMENT_MARKER}\n${failing.body}`,
      )
      const ours = oldReport(number, 'github-actions[bot]')
      github.requests.length = 0
      const outcome = await syncComment(
        api,
        { mode, failed: true, comment: failing },
        recorder(),
      )
      expect(outcome.action, mode).toBe('updated')
      expect(writesTo(theirs.id)).toEqual([])
      expect(writesTo(edited.id)).toEqual([])
      expect(writesTo(ours.id)).toEqual([
        `PATCH /repos/acme/agents/issues/comments/${ours.id}`,
      ])
      expect(github.thread(number).find((c) => c.id === theirs.id)?.body).toBe(
        failing.body,
      )
    }
  })
})
