import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { blobBase, readTarget } from '../../src/action/context.js'
import { tempTree } from '../support/files.js'

describe('the run target', () => {
  const dir = tempTree({})
  const event = join(dir, 'event.json')
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: { number: 7, head: { sha: 'a'.repeat(40) } },
    }),
  )
  const env = {
    GITHUB_REPOSITORY: 'acme/agents',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_WORKSPACE: dir,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '99',
  }

  it('reads a pull request event into plain data', () => {
    const target = readTarget(env)
    expect(target).toMatchObject({
      owner: 'acme',
      repo: 'agents',
      workspace: dir,
      apiUrl: 'https://api.github.com',
      runUrl: 'https://github.com/acme/agents/actions/runs/99',
      pullRequest: { number: 7, headSha: 'a'.repeat(40) },
    })
    expect(blobBase(target)).toBe(
      `https://github.com/acme/agents/blob/${'a'.repeat(40)}`,
    )
  })

  it('has no pull request for a push', () => {
    writeFileSync(
      join(dir, 'push.json'),
      JSON.stringify({ ref: 'refs/heads/main' }),
    )
    const target = readTarget({
      ...env,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: join(dir, 'push.json'),
    })
    expect(target.pullRequest).toBeUndefined()
    expect(blobBase(target)).toBeUndefined()
  })
})
