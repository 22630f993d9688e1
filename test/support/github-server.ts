import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { requestProblems, responseProblems } from './openapi.js'

/**
 * A local stand-in for api.github.com's issue comment endpoints and
 * `GET /user`. It answers as GitHub does (status codes, error bodies, `Link`
 * pagination, 403 for a read-only token, 422 for a body over 65,536
 * characters, 403 to `GET /user` from an installation token), records who
 * wrote each comment, and checks every request it receives against GitHub's
 * OpenAPI description.
 */

export interface ReceivedRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly body: unknown
  readonly status: number
}

export interface StoredComment {
  readonly id: number
  body: string
  readonly login: string
  updated_at: string
}

const DOCS = 'https://docs.github.com/rest/issues/comments'
const BODY_LIMIT = 65_536
const BOT = 'github-actions[bot]'

export class FakeGitHub {
  readonly requests: ReceivedRequest[] = []
  /** Everything GitHub's description says is wrong with what was sent or answered. */
  readonly problems: string[] = []
  /** Comments per issue number. */
  readonly threads = new Map<number, StoredComment[]>()
  /** Token → what it may do. */
  readonly tokens = new Map<string, 'write' | 'read'>([
    ['write-token', 'write'],
    ['read-token', 'read'],
    ['pat-token', 'write'],
    ['app-token', 'write'],
  ])
  /**
   * Token → the account it writes as; any other token is GITHUB_TOKEN
   * (github-actions[bot]). Tokens of a `[bot]` account are installation
   * tokens: `GET /user` answers them 403, as GitHub does.
   */
  readonly accounts = new Map<string, string>([
    ['pat-token', 'gate-admin'],
    ['app-token', 'aivss-app[bot]'],
  ])
  /** Statuses to answer the next matching requests with, in order. */
  readonly failures: Array<{ method: string; status: number }> = []
  /** Milliseconds to wait before answering, for deadline tests. */
  delay = 0
  private server: Server | undefined
  private nextId = 1000

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined
    if (!address) throw new Error('the fake GitHub is not started')
    return `http://127.0.0.1:${address.port}`
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res)
    })
    await new Promise<void>((resolve) =>
      this.server?.listen(0, '127.0.0.1', resolve),
    )
    return this
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  thread(issue: number): StoredComment[] {
    let thread = this.threads.get(issue)
    if (!thread) this.threads.set(issue, (thread = []))
    return thread
  }

  /** Adds comments to an issue as other people wrote them. */
  seed(issue: number, bodies: readonly string[], login = 'octocat'): void {
    for (const body of bodies)
      this.thread(issue).push({
        id: this.nextId++,
        body,
        login,
        updated_at: stamp(),
      })
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const text = await readBody(req)
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = text
    }
    const method = req.method ?? 'GET'
    this.problems.push(
      ...requestProblems(method, url, body, req.headers['content-type']),
    )
    if (this.delay > 0) await new Promise((r) => setTimeout(r, this.delay))
    const failure = this.failures.findIndex((f) => f.method === method)
    const [status, payload, headers] =
      failure >= 0
        ? [
            this.failures.splice(failure, 1)[0]!.status,
            { message: 'Server Error' },
            {},
          ]
        : this.answer(method, url, body, req.headers.authorization)
    if (failure < 0)
      this.problems.push(...responseProblems(method, url, status, payload))
    this.requests.push({
      method,
      path: url.pathname,
      query: url.search,
      body,
      status,
    })
    if (res.destroyed) return
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      ...headers,
    })
    res.end(payload === undefined ? undefined : JSON.stringify(payload))
  }

  private answer(
    method: string,
    url: URL,
    body: unknown,
    authorization: string | undefined,
  ): [number, unknown, Record<string, string>] {
    const token = /^(?:token|bearer) (.+)$/i.exec(authorization ?? '')?.[1]
    const access = token === undefined ? undefined : this.tokens.get(token)
    if (!access)
      return [
        401,
        {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        },
        {},
      ]
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(
      url.pathname,
    )
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(
      url.pathname,
    )
    const account = this.accounts.get(token ?? '') ?? BOT
    if (url.pathname === '/user' && method === 'GET')
      return isBot(account)
        ? [
            403,
            {
              message: 'Resource not accessible by integration',
              documentation_url:
                'https://docs.github.com/rest/users/users#get-the-authenticated-user',
              status: '403',
            },
            {},
          ]
        : [200, this.user(account), {}]
    if (list && method === 'GET')
      return this.list(url, list[1]!, list[2]!, Number(list[3]))
    const forbidden = (
      doc: string,
    ): [number, unknown, Record<string, string>] => [
      403,
      {
        message: 'Resource not accessible by integration',
        documentation_url: `${DOCS}#${doc}`,
        status: '403',
      },
      {},
    ]
    const tooLong = (b: unknown): boolean =>
      typeof b === 'object' &&
      b !== null &&
      typeof (b as { body?: unknown }).body === 'string' &&
      [...(b as { body: string }).body].length > BODY_LIMIT
    const invalid: [number, unknown, Record<string, string>] = [
      422,
      {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${BODY_LIMIT} characters)`,
          },
        ],
        documentation_url: `${DOCS}#create-an-issue-comment`,
        status: '422',
      },
      {},
    ]
    if (list && method === 'POST') {
      if (access !== 'write') return forbidden('create-an-issue-comment')
      if (tooLong(body)) return invalid
      const comment = {
        id: this.nextId++,
        body: (body as { body: string }).body,
        login: account,
        updated_at: stamp(),
      }
      this.thread(Number(list[3])).push(comment)
      const json = this.json(list[1]!, list[2]!, Number(list[3]), comment)
      return [201, json, { location: json.url }]
    }
    if (one && (method === 'PATCH' || method === 'DELETE')) {
      if (access !== 'write')
        return forbidden(
          method === 'PATCH'
            ? 'update-an-issue-comment'
            : 'delete-an-issue-comment',
        )
      const id = Number(one[3])
      for (const [issue, thread] of this.threads) {
        const index = thread.findIndex((c) => c.id === id)
        if (index < 0) continue
        if (method === 'DELETE') {
          thread.splice(index, 1)
          return [204, undefined, {}]
        }
        if (tooLong(body)) return invalid
        const comment = thread[index]!
        comment.body = (body as { body: string }).body
        comment.updated_at = stamp()
        return [200, this.json(one[1]!, one[2]!, issue, comment), {}]
      }
    }
    return [
      404,
      {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      },
      {},
    ]
  }

  /** The authenticated user (`GET /user`), with the public profile. */
  private user(login: string) {
    return {
      ...simpleUser(login),
      user_view_type: 'public',
      name: null,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 1,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z',
    }
  }

  /** One page of comments, with GitHub's `Link` header to the others. */
  private list(
    url: URL,
    owner: string,
    repo: string,
    issue: number,
  ): [number, unknown, Record<string, string>] {
    const perPage = Math.min(
      100,
      Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30),
    )
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
    const thread = this.thread(issue)
    const last = Math.max(1, Math.ceil(thread.length / perPage))
    const link = (p: number, rel: string): string => {
      const target = new URL(url.pathname, this.url)
      target.searchParams.set('per_page', String(perPage))
      target.searchParams.set('page', String(p))
      return `<${target.href}>; rel="${rel}"`
    }
    const links = [
      ...(page > 1 ? [link(page - 1, 'prev')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first')] : []),
    ]
    const items = thread
      .slice((page - 1) * perPage, page * perPage)
      .map((c) => this.json(owner, repo, issue, c))
    return [200, items, links.length > 0 ? { link: links.join(', ') } : {}]
  }

  /** A comment as GitHub returns it (the issue-comment schema). */
  private json(owner: string, repo: string, issue: number, c: StoredComment) {
    const api = `https://api.github.com/repos/${owner}/${repo}`
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${api}/issues/comments/${c.id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${c.id}`,
      body: c.body,
      user: simpleUser(c.login),
      created_at: c.updated_at,
      updated_at: c.updated_at,
      issue_url: `${api}/issues/${issue}`,
      author_association: isBot(c.login) ? 'NONE' : 'CONTRIBUTOR',
      performed_via_github_app: null,
    }
  }
}

function isBot(login: string): boolean {
  return login.endsWith('[bot]')
}

/** A user as GitHub embeds it (the simple-user schema); `[bot]` logins are bots. */
function simpleUser(login: string) {
  const user = `https://api.github.com/users/${encodeURIComponent(login)}`
  return {
    login,
    id: login === BOT ? 41898282 : isBot(login) ? 99000001 : 583231,
    node_id: 'MDQ6VXNlcjE=',
    avatar_url: 'https://avatars.githubusercontent.com/u/1?v=4',
    gravatar_id: '',
    url: user,
    html_url: `https://github.com/${login}`,
    followers_url: `${user}/followers`,
    following_url: `${user}/following{/other_user}`,
    gists_url: `${user}/gists{/gist_id}`,
    starred_url: `${user}/starred{/owner}{/repo}`,
    subscriptions_url: `${user}/subscriptions`,
    organizations_url: `${user}/orgs`,
    repos_url: `${user}/repos`,
    events_url: `${user}/events{/privacy}`,
    received_events_url: `${user}/received_events`,
    type: isBot(login) ? 'Bot' : 'User',
    site_admin: false,
  }
}

function stamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z')
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
