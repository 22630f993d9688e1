import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pullRequestEvent, runAction } from '../support/action.js'
import { cli } from '../support/cli.js'
import { put } from '../support/files.js'
import { git } from '../support/git.js'
import { PLAIN_AGENT, PLAIN_FILES } from '../support/plain-agents.js'
import { passingDescriptor } from '../support/reports.js'

interface Setup {
  readonly top: string
  readonly origin: string
  readonly ws: string
  readonly outside: string
  readonly markers: string
  readonly base: string
  readonly head: string
}

const SECRET = 'OUTSIDE-SECRET-TEXT'

/** Every program a git config can name, each touching its own marker. */
function trapConfig(markers: string, tag: string, extra = ''): string {
  const t = (what: string) => `touch ${join(markers, `${tag}-${what}`)}`
  return `[core]
\trepositoryformatversion = 0
\tbare = false
\tworktree = ${extra.includes('worktree-outside') ? '/' : '.'}
\tfsmonitor = "${t('fsmonitor')}"
\thooksPath = hooks
\tpager = "${t('pager')}"
\teditor = "${t('editor')}"
\tsshCommand = "${t('ssh')}"
\taskPass = "${t('askpass')}"
[alias]
\tdiff = "!${t('alias-diff')}"
\tfetch = "!${t('alias-fetch')}"
\tls-files = "!${t('alias-ls-files')}"
[diff]
\texternal = "${t('diff-external')}"
[diff "x"]
\tcommand = "${t('diff-command')}"
\ttextconv = "${t('textconv')}"
[filter "x"]
\tclean = "${t('clean')}"
\tsmudge = "${t('smudge')}"
\tprocess = "${t('process')}"
\trequired = true
[credential]
\thelper = "!${t('credential')}"
[protocol]
\tallow = always
[protocol "ext"]
\tallow = always
[remote "origin"]
\turl = "ext::sh -c ${t('ext').replace(/ /g, '% ')}"
\tuploadpack = "${t('uploadpack')}"
[include]
\tpath = included
[includeIf "gitdir:/"]
\tpath = included
`
}

function plant(setup: Setup, dir: string, tag: string, extra = ''): void {
  const at = (p: string) => (dir === '' ? p : `${dir}/${p}`)
  const t = (what: string) => `touch ${join(setup.markers, `${tag}-${what}`)}`
  put(setup.origin, at('HEAD'), 'ref: refs/heads/main\n')
  put(setup.origin, at('objects/info/alternates'), `${setup.outside}\n`)
  put(setup.origin, at('refs/heads/main'), `${setup.base}\n`)
  put(setup.origin, at('config'), trapConfig(setup.markers, tag, extra))
  put(
    setup.origin,
    at('included'),
    `[core]\n\tfsmonitor = "${t('included-fsmonitor')}"\n`,
  )
  put(setup.origin, at('hooks/post-checkout'), `#!/bin/sh\n${t('hook')}\n`)
  put(
    setup.origin,
    at('hooks/reference-transaction'),
    `#!/bin/sh\n${t('hook')}\n`,
  )
  put(setup.origin, at('hooks/fsmonitor-watchman'), `#!/bin/sh\n${t('hook')}\n`)
  if (extra.includes('commondir')) {
    put(setup.origin, at('commondir'), 'common\n')
    put(setup.origin, at('gitdir'), `${join(setup.ws, dir, '.git')}\n`)
    put(
      setup.origin,
      at('common/config'),
      trapConfig(setup.markers, `${tag}-common`),
    )
    put(setup.origin, at('common/HEAD'), 'ref: refs/heads/main\n')
    put(
      setup.origin,
      at('common/objects/info/alternates'),
      `${setup.outside}\n`,
    )
    put(setup.origin, at('common/refs/heads/main'), `${setup.base}\n`)
  }
  put(setup.origin, at('.gitattributes'), '* filter=x diff=x\n')
  put(setup.origin, at('.claude/agents/copy.md'), PLAIN_AGENT)
}

function build(apply: (s: Setup) => void): Setup {
  const top = mkdtempSync(join(tmpdir(), 'aivss-rtgit-'))
  const origin = join(top, 'origin')
  const ws = join(top, 'ws')
  const outside = join(top, 'outside')
  const markers = join(top, 'markers')
  mkdirSync(origin)
  mkdirSync(outside)
  mkdirSync(markers)
  writeFileSync(join(outside, 'victim.txt'), `${SECRET}\n`)
  for (const [p, text] of Object.entries({
    ...PLAIN_FILES,
    'README.md': '# x\n',
  }))
    put(origin, p, text)
  git(origin, 'init', '-q', '-b', 'main')
  git(origin, 'add', '-A')
  git(origin, 'commit', '-q', '-m', 'base')
  const base = git(origin, 'rev-parse', 'HEAD')
  const partial = { top, origin, ws, outside, markers, base, head: '' }
  apply(partial)
  git(origin, 'add', '-A', '-f')
  git(origin, 'commit', '-q', '-m', 'pr')
  const head = git(origin, 'rev-parse', 'HEAD')
  git(top, 'clone', '-q', '--depth', '1', `file://${origin}`, ws)
  return { ...partial, head }
}

const ran = (s: Setup) => readdirSync(s.markers)

const CASES: ReadonlyArray<{
  name: string
  apply: (s: Setup) => void
  path?: string
}> = [
  {
    name: 'planted repository files at the top of the workspace',
    apply: (s) => plant(s, '', 'top'),
  },
  {
    name: 'planted repository as the scan path',
    apply: (s) => plant(s, 'evil', 'evil'),
    path: 'evil',
  },
  {
    name: 'planted repository nested deep, scanned below it',
    apply: (s) => plant(s, 'a/b/c/d/evil', 'deep'),
    path: 'a/b/c/d/evil/.claude',
  },
  {
    name: 'planted worktree-like folder with commondir and gitdir',
    apply: (s) => plant(s, 'wt', 'wt', 'commondir'),
    path: 'wt',
  },
  {
    name: 'planted repository with core.worktree outside',
    apply: (s) => plant(s, 'out', 'out', 'worktree-outside'),
    path: 'out',
  },
]

describe.each(CASES)('depth-1 clone, base missing: $name', (c) => {
  it('Action: fails, runs nothing', async () => {
    const s = build(c.apply)
    const run = await runAction({
      workspace: s.ws,
      event: pullRequestEvent(5, s.head, s.base),
      inputs: {
        comment: 'never',
        'json-file': 'r.json',
        ...(c.path ? { path: c.path } : {}),
      },
    })
    expect(ran(s)).toEqual([])
    expect(run.stdout).toContain('Fetching the base')
    const report = JSON.parse(readFileSync(join(s.ws, 'r.json'), 'utf8'))
    expect(report.delta.available).toBe(true)
    expect(run.code, run.stdout.slice(-3000)).not.toBe(0)
    expect(readFileSync(join(s.outside, 'victim.txt'), 'utf8')).toBe(
      `${SECRET}\n`,
    )
  }, 60_000)
  it('CLI --base: fails, runs nothing', () => {
    const s = build(c.apply)
    const run = cli(
      ['scan', c.path ?? '.', '--base', s.base, '-f', 'json'],
      s.origin,
    )
    expect(ran(s)).toEqual([])
    expect(run.code, run.stderr).toBe(1)
    expect(existsSync(s.ws)).toBe(true)
  })
})

describe('a .gitattributes of the pull request naming a filter of the workspace config', () => {
  it('never makes git run the filter on the pull request files', async () => {
    const s = build((s) => {
      put(s.origin, '.gitattributes', '* filter=lfs diff=lfs merge=lfs\n')
      git(
        s.origin,
        'mv',
        '.claude/agents/deployer.md',
        '.claude/agents/deploy.md',
      )
    })
    const t = (what: string) => `sh -c 'touch ${join(s.markers, what)}; cat'`
    git(s.ws, 'config', 'filter.lfs.clean', t('clean'))
    git(s.ws, 'config', 'filter.lfs.smudge', t('smudge'))
    git(s.ws, 'config', 'filter.lfs.required', 'true')
    git(s.ws, 'config', 'diff.lfs.textconv', t('textconv'))
    const run = await runAction({
      workspace: s.ws,
      event: pullRequestEvent(5, s.head, s.base),
      inputs: { comment: 'never', 'json-file': 'r.json' },
    })
    expect(ran(s)).toEqual([])
    const report = JSON.parse(readFileSync(join(s.ws, 'r.json'), 'utf8'))
    expect(report.delta.renamed).toMatchObject([{ detectedBy: 'git' }])
    // Moved, not worsened: still judged, its failures pre-existing.
    expect(run.code).toBe(0)
    expect(report.policy.preExisting.fail).toBeGreaterThan(0)
  }, 60_000)
})

describe('git variables inherited from the runner', () => {
  it('are not passed to git: the base is fetched and nothing runs', async () => {
    const s = build((s) => plant(s, 'evil', 'env'))
    const t = (what: string) => `touch ${join(s.markers, what)}`
    const fake = join(s.top, 'bin')
    mkdirSync(fake)
    const run = await runAction({
      workspace: s.ws,
      event: pullRequestEvent(5, s.head, s.base),
      inputs: { comment: 'never', 'json-file': 'r.json' },
      env: {
        GIT_DIR: join(s.ws, 'evil'),
        GIT_WORK_TREE: join(s.ws, 'evil'),
        GIT_COMMON_DIR: join(s.ws, 'evil'),
        GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${t('params')}'`,
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'core.fsmonitor',
        GIT_CONFIG_VALUE_0: t('count'),
        GIT_CONFIG_GLOBAL: join(s.ws, 'evil', 'config'),
        GIT_CONFIG_SYSTEM: join(s.ws, 'evil', 'config'),
        GIT_SSH_COMMAND: t('ssh'),
        GIT_SSH: t('ssh2'),
        GIT_ASKPASS: t('askpass'),
        SSH_ASKPASS: t('sshaskpass'),
        GIT_EXEC_PATH: fake,
        GIT_PAGER: t('pager'),
        GIT_EXTERNAL_DIFF: t('extdiff'),
        GIT_ALTERNATE_OBJECT_DIRECTORIES: s.outside,
        GIT_OBJECT_DIRECTORY: join(s.ws, 'evil', 'objects'),
        GIT_INDEX_FILE: join(s.ws, 'evil', 'index'),
        GIT_TRACE: join(s.outside, 'trace'),
        GIT_NAMESPACE: 'evil',
      },
    })
    expect(ran(s)).toEqual([])
    expect(readdirSync(s.outside)).toEqual(['victim.txt'])
    expect(run.stdout).toContain('Fetching the base')
    expect(run.code).not.toBe(0)
    const report = JSON.parse(readFileSync(join(s.ws, 'r.json'), 'utf8'))
    expect(report.delta.available).toBe(true)
  }, 60_000)
})

describe('the scanned directory turned into a submodule by the pull request', () => {
  it('is compared in the workspace repository, never in the submodule', async () => {
    const top = mkdtempSync(join(tmpdir(), 'aivss-rtgit-'))
    const markers = join(top, 'markers')
    mkdirSync(markers)
    const sub = join(top, 'sub')
    put(sub, 'agents/calm.aivss.yml', passingDescriptor('calm'))
    put(
      sub,
      '.gitignore',
      '*\n', // would hide its agents if its own checkout were trusted
    )
    git(sub, 'init', '-q', '-b', 'main')
    git(sub, 'add', '-A', '-f')
    git(sub, 'commit', '-q', '-m', 'sub')
    const origin = join(top, 'origin')
    for (const [p, text] of Object.entries(PLAIN_FILES))
      put(origin, `services/${p}`, text)
    git(origin, 'init', '-q', '-b', 'main')
    git(origin, 'add', '-A')
    git(origin, 'commit', '-q', '-m', 'base')
    const base = git(origin, 'rev-parse', 'HEAD')
    git(origin, 'rm', '-q', '-r', 'services')
    git(
      origin,
      '-c',
      'protocol.file.allow=always',
      'submodule',
      'add',
      '-q',
      `file://${sub}`,
      'services',
    )
    git(origin, 'commit', '-q', '-m', 'pr')
    const head = git(origin, 'rev-parse', 'HEAD')
    const ws = join(top, 'ws')
    git(top, 'clone', '-q', `file://${origin}`, ws)
    git(
      ws,
      '-c',
      'protocol.file.allow=always',
      'submodule',
      'update',
      '-q',
      '--init',
    )
    const run = await runAction({
      workspace: ws,
      event: pullRequestEvent(6, head, base),
      inputs: { comment: 'never', path: 'services', 'json-file': 'r.json' },
    })
    expect(run.stdout).not.toContain('no comparison with the base')
    const report = JSON.parse(readFileSync(join(ws, 'r.json'), 'utf8'))
    expect(report.delta.available).toBe(true)
    expect(report.delta.base.sha).toBe(base)
    expect(report.agents.map((a: { file: string }) => a.file)).toEqual([
      'agents/calm.aivss.yml',
    ])
    expect(readdirSync(markers)).toEqual([])
    // The CLI judging the same change with --base.
    const scan = cli(['scan', 'services', '--base', base, '-f', 'json'], ws)
    expect(scan.stderr).not.toContain('error')
    const scanned = JSON.parse(scan.stdout) as {
      agents: Array<{ file: string }>
      delta: { available: boolean }
    }
    expect(scanned.agents.map((a) => a.file)).toEqual(['agents/calm.aivss.yml'])
    expect(scanned.delta.available).toBe(true)
  }, 60_000)
})
