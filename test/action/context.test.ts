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

  it('reads the base commit and branch the pull request is compared with', () => {
    const path = join(dir, 'base.json')
    writeFileSync(
      path,
      JSON.stringify({
        pull_request: {
          number: 8,
          head: { sha: 'a'.repeat(40) },
          base: { sha: 'b'.repeat(40), ref: 'release/2.x' },
        },
      }),
    )
    expect(readTarget({ ...env, GITHUB_EVENT_PATH: path }).pullRequest).toEqual(
      {
        number: 8,
        headSha: 'a'.repeat(40),
        baseSha: 'b'.repeat(40),
        baseRef: 'release/2.x',
      },
    )
    writeFileSync(
      path,
      JSON.stringify({
        pull_request: {
          number: 8,
          base: { sha: '--upload-pack=x', ref: 'a b' },
        },
      }),
    )
    expect(
      readTarget({ ...env, GITHUB_EVENT_PATH: path }).pullRequest,
    ).toMatchObject({ baseSha: undefined, baseRef: undefined })
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
