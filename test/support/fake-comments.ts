import type {
  CommentAuthor,
  CommentsApi,
  IssueComment,
} from '../../src/action/comment.js'

const ACTIONS_BOT: CommentAuthor = { login: 'github-actions[bot]', type: 'Bot' }

/**
 * An in-memory pull request thread behind the CommentsApi, with page size
 * and failures to inject. The token it stands for writes as `account`; asked
 * who it is (`GET /user`), it answers `viewerLogin`, or 403 as an
 * installation token does when that is undefined.
 */
export class FakeComments implements CommentsApi {
  comments: IssueComment[] = []
  readonly calls: string[] = []
  /** Status to fail a call with, by call name. */
  readonly failWith: Partial<
    Record<'viewer' | 'list' | 'create' | 'update' | 'remove', number>
  > = {}
  private nextId = 1

  constructor(
    private readonly pageSize = 30,
    readonly account: CommentAuthor = ACTIONS_BOT,
    readonly viewerLogin: string | undefined = undefined,
  ) {}

  /** A comment by 'Bot' (github-actions[bot]), 'User' (someone) or the given author. */
  add(
    body: string,
    author: 'Bot' | 'User' | CommentAuthor = 'User',
  ): IssueComment {
    const comment = {
      id: this.nextId++,
      body,
      url: `https://github.com/o/r/pull/1#issuecomment-${this.nextId}`,
      author:
        author === 'Bot'
          ? ACTIONS_BOT
          : author === 'User'
            ? { login: 'someone', type: 'User' }
            : author,
    }
    this.comments.push(comment)
    return comment
  }

  async viewer(): Promise<string> {
    this.calls.push('viewer')
    this.fail('viewer')
    if (this.viewerLogin === undefined)
      throw Object.assign(new Error('Resource not accessible by integration'), {
        status: 403,
      })
    return this.viewerLogin
  }

  async *pages(): AsyncIterable<readonly IssueComment[]> {
    for (let i = 0; i < Math.max(1, this.comments.length); i += this.pageSize) {
      this.calls.push(`list page ${i / this.pageSize + 1}`)
      this.fail('list')
      yield this.comments.slice(i, i + this.pageSize)
    }
  }

  async create(body: string): Promise<IssueComment> {
    this.calls.push('create')
    this.fail('create')
    return this.add(body, this.account)
  }

  async update(id: number, body: string): Promise<IssueComment> {
    this.calls.push(`update ${id}`)
    this.fail('update')
    const index = this.comments.findIndex((c) => c.id === id)
    const updated = { ...this.comments[index]!, body }
    this.comments[index] = updated
    return updated
  }

  async remove(id: number): Promise<void> {
    this.calls.push(`remove ${id}`)
    this.fail('remove')
    this.comments = this.comments.filter((c) => c.id !== id)
  }

  private fail(call: keyof FakeComments['failWith']): void {
    const status = this.failWith[call]
    if (status !== undefined)
      throw Object.assign(
        new Error(
          status === 403
            ? 'Resource not accessible by integration'
            : 'Server Error',
        ),
        { status },
      )
  }
}
