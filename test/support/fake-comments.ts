import type { CommentsApi, IssueComment } from '../../src/action/comment.js'

/** An in-memory pull request thread behind the CommentsApi, with page size and failures to inject. */
export class FakeComments implements CommentsApi {
  comments: IssueComment[] = []
  readonly calls: string[] = []
  /** Status to fail a call with, by call name. */
  readonly failWith: Partial<
    Record<'list' | 'create' | 'update' | 'remove', number>
  > = {}
  private nextId = 1

  constructor(private readonly pageSize = 30) {}

  add(body: string, type = 'User'): IssueComment {
    const comment = {
      id: this.nextId++,
      body,
      url: `https://github.com/o/r/pull/1#issuecomment-${this.nextId}`,
      author: {
        login: type === 'Bot' ? 'github-actions[bot]' : 'someone',
        type,
      },
    }
    this.comments.push(comment)
    return comment
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
    return this.add(body, 'Bot')
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
