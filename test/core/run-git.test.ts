import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fetchCommit } from '../../src/action/fetch-base.js'
import {
  gitEnvironment,
  runGit,
  transportsOf,
} from '../../src/core/git/run-git.js'
import { tempTree } from '../support/files.js'
import { checkoutOf, git, gitRepo } from '../support/git.js'

describe('the hardened git runner', () => {
  it('allows https and http, and ssh, file or git only when origin uses them', () => {
    expect(transportsOf(undefined)).toEqual(['https', 'http'])
    expect(transportsOf('https://github.com/acme/agents')).toEqual([
      'https',
      'http',
    ])
    expect(transportsOf('git@github.com:acme/agents.git')).toContain('ssh')
    expect(transportsOf('ssh://git@github.com/acme/agents')).toContain('ssh')
    expect(transportsOf('file:///srv/agents.git')).toContain('file')
    expect(transportsOf('/srv/agents.git')).toContain('file')
    for (const url of ['ext::sh -c touch% x', 'fd::3', 'persistent-https::x'])
      expect(transportsOf(url)).toEqual(['https', 'http'])
  })

  it('passes no GIT_* variable and no askpass program to git', () => {
    const env = gitEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      GIT_DIR: '/elsewhere',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: 'touch x',
      GIT_EXEC_PATH: '/evil',
      GIT_SSH_COMMAND: 'touch x',
      SSH_ASKPASS: '/evil',
      GIT_ASKPASS: '/evil',
    })
    expect(Object.keys(env).filter((k) => k.startsWith('GIT_'))).toEqual([
      'GIT_TERMINAL_PROMPT',
    ])
    expect(env).toMatchObject({ PATH: '/usr/bin', HOME: '/home/runner' })
    expect(env.SSH_ASKPASS).toBeUndefined()
  })

  it('keeps ext:: off even when the repository configuration allows it', () => {
    const marker = join(tempTree({}), 'ran')
    const repo = gitRepo({ 'a.txt': 'a\n' })
    git(repo, 'config', 'protocol.ext.allow', 'always')
    git(repo, 'config', 'protocol.allow', 'always')
    git(repo, 'remote', 'add', 'origin', `ext::sh -c touch% ${marker}`)
    const outcome = fetchCommit(checkoutOf(repo), 'a'.repeat(40), {
      serverUrl: 'https://github.com',
      token: 'ghs_x',
    })
    expect(outcome.ok).toBe(false)
    expect(existsSync(marker)).toBe(false)
  })

  it('runs no fsmonitor the repository configuration names', () => {
    const marker = join(tempTree({}), 'ran')
    const repo = gitRepo({ 'a.txt': 'a\n' })
    git(repo, 'config', 'core.fsmonitor', `touch ${marker}`)
    writeFileSync(join(repo, 'a.txt'), 'b\n')
    const checkout = checkoutOf(repo)
    const diff = runGit(checkout, ['diff', '--name-only', 'HEAD', '--', '.'])
    expect(diff.stdout.toString()).toBe('a.txt\n')
    expect(runGit(checkout, ['status', '--porcelain']).ok).toBe(true)
    expect(existsSync(marker)).toBe(false)
  })
})
