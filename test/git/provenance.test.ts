import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkoutProvenance, remoteUri } from '../../src/core/git/provenance.js'
import { checkoutOf, git, gitRepo } from '../support/git.js'

describe('remoteUri', () => {
  it.each([
    ['https://github.com/acme/agents.git', 'https://github.com/acme/agents'],
    [
      'https://x-access-token:ghs_secret@github.com/acme/agents.git',
      'https://github.com/acme/agents',
    ],
    ['git@github.com:acme/agents.git', 'https://github.com/acme/agents'],
    ['ssh://git@github.com:22/acme/agents', 'https://github.com/acme/agents'],
    ['git://example.com/acme/agents/', 'https://example.com/acme/agents'],
    ['http://ghe.local:8080/acme/agents', 'https://ghe.local:8080/acme/agents'],
    [
      'https://user@dev.azure.com/org/proj/_git/repo',
      'https://dev.azure.com/org/proj/_git/repo',
    ],
  ])('%s -> %s', (remote, uri) => {
    expect(remoteUri(remote)).toBe(uri)
  })

  it.each([
    '/home/runner/work/acme/agents',
    '../agents',
    'file:///home/runner/agents.git',
    'C:\\work\\agents',
    'ext::sh -c evil',
    '',
  ])('gives nothing for a local or odd remote: %s', (remote) => {
    expect(remoteUri(remote)).toBeUndefined()
  })

  it('never keeps credentials, whatever the userinfo', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        (user, secret) => {
          const uri = remoteUri(`https://${user}:${secret}@github.com/o/r.git`)
          expect(uri).toBe('https://github.com/o/r')
        },
      ),
    )
  })
})

describe('checkoutProvenance', () => {
  it('names the commit, the branch and the remote without its token', () => {
    const repo = gitRepo({ 'a.txt': 'a' })
    git(
      repo,
      'remote',
      'add',
      'origin',
      'https://x-access-token:ghs_abc@github.com/acme/agents.git',
    )
    const head = git(repo, 'rev-parse', 'HEAD')
    const provenance = checkoutProvenance(checkoutOf(repo))
    expect(provenance).toEqual({
      repositoryUri: 'https://github.com/acme/agents',
      revisionId: head,
      branch: 'main',
    })
    expect(JSON.stringify(provenance)).not.toContain('ghs_abc')
  })

  it('names a checkout with a local remote by a URN, never by its path', () => {
    const repo = gitRepo({ 'a.txt': 'a' })
    git(repo, 'remote', 'add', 'origin', '/srv/git/agents.git')
    const provenance = checkoutProvenance(checkoutOf(repo))
    expect(provenance.repositoryUri).toMatch(
      /^urn:aivss-gate:local-repository:[\w.-]+$/,
    )
    expect(JSON.stringify(provenance)).not.toContain('/srv/')
    expect(JSON.stringify(provenance)).not.toContain(repo)
  })

  it('keeps what it is given where git has nothing (a detached head)', () => {
    const repo = gitRepo({ 'a.txt': 'a' })
    git(repo, 'checkout', '-q', '--detach')
    const provenance = checkoutProvenance(checkoutOf(repo), {
      repositoryUri: 'https://github.com/acme/agents',
      branch: 'feature/x',
    })
    expect(provenance.branch).toBe('feature/x')
    expect(provenance.repositoryUri).toBe('https://github.com/acme/agents')
    expect(provenance.revisionId).toMatch(/^[0-9a-f]{40}$/)
  })
})
