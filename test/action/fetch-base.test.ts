import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchCommit } from '../../src/action/fetch-base.js'
import { tempTree } from '../support/files.js'
import { checkoutOf, git, gitRepo } from '../support/git.js'

/**
 * The fetch of a missing base commit, against a git server that wants a
 * token: it runs in a process of its own, since the fetch blocks this one.
 */

const SERVER = `
const { createServer } = require('node:http')
const { appendFileSync } = require('node:fs')
const log = process.argv[2]
const server = createServer((req, res) => {
  appendFileSync(log, JSON.stringify({ url: req.url, auth: req.headers.authorization ?? null }) + '\\n')
  if (!req.headers.authorization) {
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' })
    return res.end('no')
  }
  res.writeHead(403)
  res.end('token seen, still no')
})
server.listen(0, '127.0.0.1', () => console.log(server.address().port))
`

let server: ChildProcess
let url = ''
const dir = tempTree({})
const log = join(dir, 'requests.jsonl')

beforeAll(async () => {
  writeFileSync(join(dir, 'server.cjs'), SERVER)
  writeFileSync(log, '')
  server = spawn(process.execPath, [join(dir, 'server.cjs'), log])
  const lines = createInterface({ input: server.stdout! })
  const port = await new Promise<string>((resolve) =>
    lines.once('line', resolve),
  )
  url = `http://127.0.0.1:${port.trim()}`
})
afterAll(() => {
  server.kill()
})

describe('fetching the base commit', () => {
  it('tries the persisted credentials, then the token in a header, and never shows it', () => {
    const repo = gitRepo({ 'a.txt': 'a\n' })
    git(repo, 'remote', 'add', 'origin', `${url}/acme/agents.git`)
    const token = 'ghs_secret123'
    const outcome = fetchCommit(checkoutOf(repo), 'a'.repeat(40), {
      token,
      serverUrl: url,
      timeout: 20_000,
    })
    expect(outcome.ok).toBe(false)
    const reason = outcome.ok ? '' : outcome.reason
    expect(reason).not.toContain(token)
    expect(reason).not.toContain(
      Buffer.from(`x-access-token:${token}`).toString('base64'),
    )
    const requests = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { url: string; auth: string | null })
    expect(requests[0]).toEqual({
      url: '/acme/agents.git/info/refs?service=git-upload-pack',
      auth: null,
    })
    expect(requests.map((r) => r.auth)).toContain(
      `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
    )
    // The token never reaches the repository's configuration.
    expect(readFileSync(join(repo, '.git/config'), 'utf8')).not.toContain(
      'extraheader',
    )
  })

  it('refuses what is not a ref, before running git', () => {
    const repo = gitRepo({ 'a.txt': 'a\n' })
    for (const rev of ['--upload-pack=touch x', 'a..b', 'x y'])
      expect(fetchCommit(checkoutOf(repo), rev, { serverUrl: url })).toEqual({
        ok: false,
        reason: `"${rev}" is not a ref git can fetch`,
      })
  })
})
