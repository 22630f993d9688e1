import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import { gitSource, hasCommit } from '../../src/core/discovery/git-source.js'
import { scan } from '../../src/core/scan.js'
import { checkoutOf, commit, git, gitRepo, link } from '../support/git.js'

describe('a git commit as a file source', () => {
  const repo = gitRepo({
    'agents/a.aivss.yml': 'name: a\ntools: [web_search]\n',
    'node_modules/x/b.aivss.yml': 'name: vendored\n',
    'apps/web/c.aivss.yml': 'name: c\n',
  })
  link(repo, '/etc/passwd', 'agents/leak.aivss.yml')
  const base = commit(repo, {}, 'add a link')
  commit(repo, {
    'agents/a.aivss.yml': 'name: a\ntools: [bash]\n',
    'agents/d.aivss.yml': 'name: d\n',
  })

  it('scans the commit, not the working tree, without checking it out', () => {
    const result = scan({
      root: repo,
      source: gitSource(checkoutOf(repo), base),
      settings: DEFAULT_SCORING,
    })
    expect(result.assessments.map((a) => a.profile.name)).toEqual(['a', 'c'])
    expect(result.assessments[0]?.profile.tools.map((t) => t.name)).toEqual([
      'web_search',
    ])
    expect(result.discovery.rejected).toEqual(
      expect.arrayContaining([
        {
          path: 'node_modules/',
          reason: 'node_modules/ is a vendored, generated or tool directory',
        },
        {
          path: 'agents/leak.aivss.yml',
          reason: 'symbolic link: not followed',
          entry: 'link',
        },
      ]),
    )
    expect(git(repo, 'rev-parse', 'HEAD')).not.toBe(base)
  })

  it('reads a subdirectory with paths relative to it', () => {
    const result = scan({
      root: repo,
      source: gitSource(checkoutOf(repo), base, 'apps/web'),
      settings: DEFAULT_SCORING,
    })
    expect(
      result.assessments.map(
        (a) => `${a.profile.source.file} ${a.profile.name}`,
      ),
    ).toEqual(['c.aivss.yml c'])
  })

  it('says whether a commit is present', () => {
    expect(hasCommit(checkoutOf(repo), base)).toBe(true)
    expect(
      hasCommit(checkoutOf(repo), '0123456789abcdef0123456789abcdef01234567'),
    ).toBe(false)
  })
})
