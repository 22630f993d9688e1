import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMENT_MARKER } from '../../src/core/render/comment.js'
import { pullRequestEvent, runAction } from '../support/action.js'
import { cli } from '../support/cli.js'
import { put } from '../support/files.js'
import { git } from '../support/git.js'
import { FakeGitHub } from '../support/github-server.js'
import {
  PLAIN_AGENT,
  PLAIN_DESCRIPTOR,
  PLAIN_FILES,
} from '../support/plain-agents.js'

/**
 * The attacks of the threat model, each as a pull request against a base
 * whose policy fails a plain agent. Every attack is a real repository: a
 * base commit, then a head commit written by the pull request's author.
 * Each one runs through the CLI (`--base`) and through the bundled Action on
 * a pull_request event with the real commit SHAs, against a local GitHub.
 * Whatever the author does, the verdict must still be the base policy's
 * fail, nothing may run, nothing outside the workspace may be read or
 * written, and nothing the author wrote may echo where it should not.
 */

const ALL_CONTROLS = `{ guardrails: true, humanApproval: true, sandbox: true, logging: true, authentication: true, rateLimits: true, allowlists: true }`
const LOW_FACTORS = `{ autonomyOfAction: 0, goalDrivenPlanning: 0, naturalLanguageInterface: 0, selfModification: 0, dynamicToolUse: 0, persistentMemory: 0, contextualAwareness: 0, dynamicIdentity: 0, multiAgentInteractions: 0, nonDeterminism: 0, opacityReflexivity: 0 }`
const SAFE_DECLARATION = `aivss:
  baseline: none
  mitigation: strong
  mitigationReason: reviewed by us
  threatMultiplier: 0.1
  factors: ${LOW_FACTORS}
controls: ${ALL_CONTROLS}
`

interface Context {
  /** The repository (the workspace). */
  readonly repo: string
  /** A directory beside the workspace that nothing may read or write. */
  readonly outside: string
  /** A file whose appearance means the author's command ran. */
  readonly marker: string
}

interface Attack {
  readonly name: string
  /** Changes the working tree as the pull request does (committed after). */
  readonly apply: (ctx: Context) => void
  /** The workflow's policy input, when the attack needs one. */
  readonly policy?: string | ((ctx: Context) => string)
  /** Extra base files (committed with the base). */
  readonly base?: Readonly<Record<string, string>>
  /** The scan path (default the repository). */
  readonly path?: string
  /** Only through the Action (needs its inputs or its comment). */
  readonly actionOnly?: boolean
  readonly inputs?: Readonly<Record<string, string>>
  /** The policy the workflow names exists only once the pull request adds it. */
  readonly policyAdded?: boolean
}

function gitInternals(ctx: Context, dir: string, config: string): void {
  put(ctx.repo, `${dir}/HEAD`, 'ref: refs/heads/main\n')
  put(ctx.repo, `${dir}/objects/info/.keep`, '')
  put(ctx.repo, `${dir}/refs/heads/.keep`, '')
  put(ctx.repo, `${dir}/config`, config)
  put(ctx.repo, `${dir}/.claude/agents/copy.md`, PLAIN_AGENT)
}

const touch = (ctx: Context) => `touch ${ctx.marker}`

const ATTACKS: readonly Attack[] = [
  // Run commands on the runner.
  {
    name: 'a folder that looks like a repository with core.fsmonitor',
    apply: (ctx) =>
      gitInternals(
        ctx,
        'evil',
        `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n\tfsmonitor = "${touch(ctx)}"\n`,
      ),
  },
  {
    name: 'the same folder as the scan path',
    path: 'evil',
    apply: (ctx) =>
      gitInternals(
        ctx,
        'evil',
        `[core]\n\trepositoryformatversion = 0\n\tworktree = .\n\tfsmonitor = "${touch(ctx)}"\n\thooksPath = hooks\n`,
      ),
  },
  {
    name: 'a bare-looking folder with an ext:: remote',
    path: 'evil',
    apply: (ctx) =>
      gitInternals(
        ctx,
        'evil',
        `[core]\n\tbare = true\n[protocol "ext"]\n\tallow = always\n[remote "origin"]\n\turl = "ext::sh -c ${touch(ctx)}"\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`,
      ),
  },
  // Choose the rules that judge the pull request.
  {
    name: 'a policy added by the pull request that extends permissive',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        'version: 1\nextends: permissive\n',
      ),
  },
  {
    name: 'a policy added by the pull request that excludes the agents',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        'version: 1\nextends: default\nscan:\n  exclude: [".claude/**", "agents/**"]\n',
      ),
  },
  {
    name: 'a policy that excepts every rule everywhere',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        'version: 1\nextends: default\nexceptions:\n  - { rule: "*", paths: ["**"], reason: trust me }\n',
      ),
  },
  {
    name: 'the base policy edited to permissive',
    base: { '.github/aivss-policy.yml': 'version: 1\nextends: default\n' },
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        'version: 1\nextends: permissive\n',
      ),
  },
  {
    name: 'the policy the workflow names, edited by the pull request',
    policy: '.github/aivss-policy.yml',
    base: { '.github/aivss-policy.yml': 'version: 1\nextends: default\n' },
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        'version: 1\nextends: default\nrules:\n  - { id: critical-agents, action: off, when: { severity: { gte: critical } } }\n  - { id: multi-agent-needs-guardrails, action: off, when: { severity: { gte: low } } }\n',
      ),
  },
  {
    name: 'a .yml policy added beside the .yaml the base has, which it would take precedence over',
    base: { '.github/aivss-policy.yaml': 'version: 1\nextends: default\n' },
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        'version: 1\nextends: permissive\n',
      ),
  },
  {
    name: 'only the file the base policy extends, edited to permissive',
    base: {
      '.github/aivss-policy.yml': 'version: 1\nextends: ./shared.yml\n',
      '.github/shared.yml': 'version: 1\nextends: default\n',
    },
    apply: (ctx) =>
      put(ctx.repo, '.github/shared.yml', 'version: 1\nextends: permissive\n'),
  },
  {
    name: '.github replaced by a link to a folder of the repository with a permissive policy',
    base: { '.github/aivss-policy.yml': 'version: 1\nextends: default\n' },
    apply: (ctx) => {
      rmSync(join(ctx.repo, '.github'), { recursive: true })
      put(ctx.repo, 'ci/aivss-policy.yml', 'version: 1\nextends: permissive\n')
      symlinkSync('ci', join(ctx.repo, '.github'))
    },
  },
  {
    // The default preset judges (the base has no such file), change-scoped:
    // the pull request's own new agent is what must still fail.
    name: 'the policy the workflow names, added by the pull request (the base has none), with a new agent',
    policy: '.github/gate-policy.yml',
    policyAdded: true,
    apply: (ctx) => {
      put(
        ctx.repo,
        '.github/gate-policy.yml',
        'version: 1\nextends: permissive\n',
      )
      put(ctx.repo, '.claude/agents/deployer-2.md', PLAIN_AGENT)
    },
  },
  {
    name: 'the policy the workflow names through ./ and .. segments, edited',
    policy: './agents/../.github/./gate-policy.yml',
    base: { '.github/gate-policy.yml': 'version: 1\nextends: default\n' },
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/gate-policy.yml',
        'version: 1\nextends: permissive\n',
      ),
  },
  {
    name: 'the policy the workflow names by its absolute path in the workspace, edited',
    policy: (ctx) => join(ctx.repo, '.github/gate-policy.yml'),
    base: { '.github/gate-policy.yml': 'version: 1\nextends: default\n' },
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/gate-policy.yml',
        'version: 1\nextends: permissive\n',
      ),
  },
  {
    name: 'a permissive policy with a second extends key and an alias bomb',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        `version: 1\nextends: default\nextends: permissive\na0: &a0 [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]\n`).join('')}`,
      ),
  },
  {
    name: 'a permissive policy under 1 MiB of comments that name a secret',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        `version: 1\nextends: permissive\n${`# ${SECRET} ${'x'.repeat(60)}\n`.repeat(20_000)}`,
      ),
  },
  // Hide an agent.
  ...(
    [
      ['a NUL byte', Buffer.from([0])],
      ['an invalid UTF-8 byte', Buffer.from([0xff])],
    ] as const
  ).map(([what, bytes]): Attack => ({
    name: `${what} appended to the manifest`,
    apply: (ctx) => {
      for (const file of ['.claude/agents/deployer.md', 'agents/ops.aivss.yml'])
        put(
          ctx.repo,
          file,
          Buffer.concat([readFileSync(join(ctx.repo, file)), bytes]),
        )
    },
  })),
  {
    name: 'manifests padded past the size cap',
    apply: (ctx) => {
      const pad = `\n${'#'.repeat(3 * 1024 * 1024)}\n`
      put(ctx.repo, '.claude/agents/deployer.md', PLAIN_AGENT + pad)
      put(ctx.repo, 'agents/ops.aivss.yml', PLAIN_DESCRIPTOR + pad)
    },
  },
  {
    name: 'manifests replaced by symbolic links',
    apply: (ctx) => {
      for (const file of [
        '.claude/agents/deployer.md',
        'agents/ops.aivss.yml',
      ]) {
        rmSync(join(ctx.repo, file))
        symlinkSync('/dev/null', join(ctx.repo, file))
      }
    },
  },
  {
    name: 'a .gitignore that ignores everything beside the manifests',
    apply: (ctx) => {
      put(ctx.repo, '.claude/agents/.gitignore', '*\n')
      put(ctx.repo, 'agents/.gitignore', '*\n')
      put(ctx.repo, '.gitignore', '.claude/\nagents/\n')
    },
  },
  {
    name: 'manifests moved under build/ and dist/',
    apply: (ctx) => {
      git(ctx.repo, 'mv', '.claude/agents/deployer.md', '.claude/x.md')
      put(ctx.repo, '.claude/agents/build/deployer.md', PLAIN_AGENT)
      rmSync(join(ctx.repo, '.claude/x.md'))
      mkdirSync(join(ctx.repo, 'agents/dist'), { recursive: true })
      git(ctx.repo, 'mv', 'agents/ops.aivss.yml', 'agents/dist/ops.aivss.yml')
    },
  },
  {
    name: 'manifests moved under .venv/ and node_modules/',
    apply: (ctx) => {
      mkdirSync(join(ctx.repo, '.venv/.claude/agents'), { recursive: true })
      git(
        ctx.repo,
        'mv',
        '.claude/agents/deployer.md',
        '.venv/.claude/agents/deployer.md',
      )
      mkdirSync(join(ctx.repo, 'node_modules/pkg'), { recursive: true })
      git(ctx.repo, 'mv', 'agents', 'node_modules/pkg/agents')
    },
  },
  {
    name: 'paths renamed to another case, the descriptor moved under .cache/',
    apply: (ctx) => {
      git(ctx.repo, 'mv', '.claude', '.Claude-tmp')
      git(ctx.repo, 'mv', '.Claude-tmp', '.Claude')
      git(ctx.repo, 'mv', '.Claude/agents', '.Claude/Agents')
      mkdirSync(join(ctx.repo, '.cache'), { recursive: true })
      git(ctx.repo, 'mv', 'agents', '.cache/agents')
    },
  },
  {
    name: 'the tools line dropped, the descriptor agent pushed past 1,000 agents',
    apply: (ctx) => {
      put(
        ctx.repo,
        '.claude/agents/deployer.md',
        PLAIN_AGENT.replace(/^tools: .*\n/m, ''),
      )
      const filler = Array.from(
        { length: 1000 },
        (_, i) => `  - { name: reader-${i}, description: Reads the docs. }\n`,
      ).join('')
      const ops = PLAIN_DESCRIPTOR.trimEnd()
        .split('\n')
        .map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`))
        .join('\n')
      put(ctx.repo, 'agents/ops.aivss.yml', `agents:\n${filler}${ops}\n`)
    },
  },
  {
    name: 'an unquoted colon in the front matter',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.claude/agents/deployer.md',
        PLAIN_AGENT.replace(
          'description: Deploys the services to production',
          'description: Note: deploys the services to production',
        ),
      ),
  },
  {
    name: 'an unknown field in the descriptor',
    apply: (ctx) =>
      put(
        ctx.repo,
        'agents/ops.aivss.yml',
        `${PLAIN_DESCRIPTOR}flavour: vanilla\n`,
      ),
  },
  {
    name: 'an empty file beside the descriptor, to make it a sidecar',
    apply: (ctx) => put(ctx.repo, 'agents/ops', ''),
  },
  // Declare the agent safe.
  {
    name: 'sidecars added with every control and low factors',
    apply: (ctx) => {
      put(ctx.repo, '.claude/agents/deployer.md.aivss.yml', SAFE_DECLARATION)
    },
  },
  {
    name: 'an aivss block added to the manifests',
    apply: (ctx) => {
      const block = SAFE_DECLARATION.split('controls:')[0] ?? ''
      put(
        ctx.repo,
        '.claude/agents/deployer.md',
        PLAIN_AGENT.replace(
          'tools: Bash, Write, WebFetch\n',
          `tools: Bash, Write, WebFetch\n${block}`,
        ),
      )
      put(
        ctx.repo,
        'agents/ops.aivss.yml',
        PLAIN_DESCRIPTOR.replace(
          'controls: { guardrails: false }\naivss:\n  factors: { multiAgentInteractions: 0.9 }\n',
          SAFE_DECLARATION,
        ),
      )
    },
  },
  // Read or write outside the workspace.
  {
    name: 'a policy that extends /etc/passwd',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        'version: 1\nextends: /etc/passwd\n',
      ),
  },
  {
    name: 'a policy that extends /dev/zero',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        'version: 1\nextends: /dev/zero\n',
      ),
  },
  {
    name: 'a policy that extends a file outside the workspace',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        `version: 1\nextends: ${join(ctx.outside, 'permissive.yml')}\n`,
      ),
  },
  {
    name: 'a committed SARIF file that links outside the workspace',
    actionOnly: true,
    inputs: {
      'sarif-file': 'aivss-gate.sarif',
      'json-file': 'out/report.json',
    },
    apply: (ctx) => {
      symlinkSync(
        join(ctx.outside, 'victim.txt'),
        join(ctx.repo, 'aivss-gate.sarif'),
      )
      symlinkSync(ctx.outside, join(ctx.repo, 'out'))
    },
  },
  {
    name: 'a scan path that links outside the workspace',
    actionOnly: true,
    path: 'linked',
    apply: (ctx) => {
      symlinkSync(ctx.outside, join(ctx.repo, 'linked'))
      put(ctx.repo, 'linked-real/.keep', '')
    },
  },
  {
    name: 'a scan path committed as a link into .git',
    actionOnly: true,
    path: 'services',
    apply: (ctx) => symlinkSync('.git', join(ctx.repo, 'services')),
  },
  // Flood.
  {
    name: 'a policy of 8,000 rules',
    apply: (ctx) =>
      put(
        ctx.repo,
        '.github/aivss-policy.yml',
        `version: 1\nrules:\n${Array.from({ length: 8000 }, (_, i) => `  - { id: r${i}, when: { score: { gte: 0 } }, action: warn }\n`).join('')}`,
      ),
  },
]

const SECRET = 'OUTSIDE-THE-WORKSPACE-SECRET'

function buildBase(
  attack: Attack,
): Context & { readonly baseSha: string; readonly top: string } {
  const top = mkdtempSync(join(tmpdir(), 'aivss-attack-'))
  const repo = join(top, 'ws')
  const outside = join(top, 'outside')
  mkdirSync(outside)
  mkdirSync(repo)
  writeFileSync(join(outside, 'victim.txt'), `${SECRET}\n`)
  writeFileSync(
    join(outside, 'permissive.yml'),
    `# ${SECRET}\nversion: 1\nextends: permissive\n`,
  )
  writeFileSync(
    join(outside, 'secret.aivss.yml'),
    `name: ${SECRET}\ntools: [{ name: shell, kind: shell }]\n`,
  )
  const ctx: Context = { repo, outside, marker: join(top, 'MARKER') }
  for (const [path, text] of Object.entries(judgedWhole(attack)))
    put(ctx.repo, path, text)
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'base')
  return { ...ctx, top, baseSha: git(repo, 'rev-parse', 'HEAD') }
}

/**
 * The base's files, its policies judging every agent (`scope: all`): the
 * plain agents stand on the base, so a change-scoped policy would count
 * them as pre-existing and pass whatever the attack did. (What a
 * change-scoped policy does with an attack that brings a new agent is
 * tested below.)
 */
function judgedWhole(attack: Attack): Record<string, string> {
  const files: Record<string, string> = {
    ...PLAIN_FILES,
    'README.md': '# service\n',
    ...attack.base,
  }
  if (!Object.keys(files).some((path) => path.startsWith('.github/')))
    files['.github/aivss-policy.yml'] = 'version: 1\nextends: default\n'
  for (const [path, text] of Object.entries(files))
    if (
      /\.ya?ml$/.test(path) &&
      /^extends: default$/m.test(text) &&
      !/^scope:/m.test(text)
    )
      files[path] = `${text}scope: all\n`
  return files
}

function applyAttack(attack: Attack, ctx: Context): string {
  attack.apply(ctx)
  git(ctx.repo, 'add', '-A')
  git(ctx.repo, 'commit', '-q', '-m', attack.name)
  return git(ctx.repo, 'rev-parse', 'HEAD')
}

function policyOf(attack: Attack, ctx: Context): string {
  return typeof attack.policy === 'function'
    ? attack.policy(ctx)
    : (attack.policy ?? '')
}

let github: FakeGitHub
let number = 700

beforeAll(async () => {
  github = await new FakeGitHub().start()
})
afterAll(async () => {
  await github.stop()
})

describe.each(ATTACKS.filter((a) => !a.actionOnly))(
  'CLI --base: $name',
  (attack) => {
    it('still fails, runs nothing and reads nothing outside', () => {
      const ctx = buildBase(attack)
      const args = (dir: string) => [
        'scan',
        dir,
        '--base',
        ctx.baseSha,
        '-f',
        'json',
        ...(attack.policy ? ['--policy', policyOf(attack, ctx)] : []),
      ]
      // The plain agent fails the base's policy.
      const plain = cli(args(attack.path ?? '.'), ctx.repo)
      if (!attack.path) expect(plain.code).toBe(attack.policyAdded ? 2 : 1)
      applyAttack(attack, ctx)
      const run = cli(args(attack.path ?? '.'), ctx.repo)
      expect(run.code, run.stderr).toBe(1)
      expect(existsSync(ctx.marker)).toBe(false)
      expect(run.stdout + run.stderr).not.toContain(SECRET)
      expect(run.stdout + run.stderr).not.toContain('root:x:0')
      rmSync(ctx.top, { recursive: true, force: true })
    }, 60_000)
  },
)

/**
 * Under the change-scoped default, the plain agents on the base are
 * pre-existing and pass; what must fail is what the pull request brings. Each
 * attack adds a new agent (a copy of the plain one) and tries to make it
 * pass: declared safe, hidden where builds go, the policy loosened.
 */
const NEW_AGENT = '.claude/agents/release.md'
const CHANGE_ATTACKS: readonly Attack[] = (
  [
    {
      name: 'a new agent with a sidecar that declares every control',
      apply: (ctx) => {
        put(ctx.repo, NEW_AGENT, PLAIN_AGENT.replace('deployer', 'release'))
        put(ctx.repo, `${NEW_AGENT}.aivss.yml`, SAFE_DECLARATION)
      },
    },
    {
      name: 'a new agent under build/',
      apply: (ctx) =>
        put(
          ctx.repo,
          '.claude/agents/build/release.md',
          PLAIN_AGENT.replace('deployer', 'release'),
        ),
    },
    {
      name: 'a new agent, and the base policy edited to permissive',
      apply: (ctx) => {
        put(ctx.repo, NEW_AGENT, PLAIN_AGENT.replace('deployer', 'release'))
        put(
          ctx.repo,
          '.github/aivss-policy.yml',
          'version: 1\nextends: permissive\n',
        )
      },
    },
    {
      name: 'a pre-existing agent given an exception by the pull request and more tools',
      apply: (ctx) => {
        put(
          ctx.repo,
          '.claude/agents/deployer.md',
          PLAIN_AGENT.replace(
            'tools: Bash, Write, WebFetch',
            'tools: Bash, Write, WebFetch, mcp__aws__admin',
          ),
        )
        put(
          ctx.repo,
          '.github/aivss-policy.yml',
          "version: 1\nextends: default\nexceptions:\n  - { rule: '*', paths: ['**'], reason: ok }\n",
        )
      },
    },
  ] satisfies readonly Attack[]
).map((attack) => ({
  ...attack,
  base: {
    '.github/aivss-policy.yml':
      'version: 1\nextends: default\n# change-scoped, as the preset\nscope: change\n',
  },
}))

describe.each(CHANGE_ATTACKS)('CLI --base, change-scoped: $name', (attack) => {
  it('fails on what the pull request brings, and still counts the rest', () => {
    const ctx = buildBase(attack)
    const args = ['scan', '.', '--base', ctx.baseSha, '-f', 'json']
    // Nothing changed yet: the plain agents are pre-existing and pass.
    const before = cli(args, ctx.repo)
    expect(before.code, before.stderr).toBe(0)
    expect(JSON.parse(before.stdout).policy.preExisting.fail).toBeGreaterThan(0)
    applyAttack(attack, ctx)
    const run = cli(args, ctx.repo)
    expect(run.code, run.stderr).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(report.policy.chain).toEqual([
      '.github/aivss-policy.yml',
      'preset:default',
    ])
    const open = report.policy.violations.filter(
      (v: { preExisting?: boolean; action: string }) =>
        !v.preExisting && v.action === 'fail',
    )
    expect(open.length).toBeGreaterThan(0)
    expect(existsSync(ctx.marker)).toBe(false)
    rmSync(ctx.top, { recursive: true, force: true })
  }, 60_000)
})

describe.each(ATTACKS)('Action on a pull request: $name', (attack) => {
  it('still fails, runs nothing, writes nothing outside', async () => {
    const ctx = buildBase(attack)
    const headSha = applyAttack(attack, ctx)
    const pr = ++number
    github.seed(pr, [`${COMMENT_MARKER}\nkeep me`], 'mallory')
    const run = await runAction({
      workspace: ctx.repo,
      event: pullRequestEvent(pr, headSha, ctx.baseSha),
      apiUrl: github.url,
      inputs: {
        'github-token': 'write-token',
        ...(attack.path ? { path: attack.path } : {}),
        ...(attack.policy ? { policy: policyOf(attack, ctx) } : {}),
        ...attack.inputs,
      },
    })
    expect(run.code, run.stdout.slice(-2000)).not.toBe(0)
    if (!attack.actionOnly && !attack.path)
      expect(run.outputs.result).toBe('fail')
    expect(existsSync(ctx.marker)).toBe(false)
    expect(readFileSync(join(ctx.outside, 'victim.txt'), 'utf8')).toBe(
      `${SECRET}\n`,
    )
    const comments = github.thread(pr)
    const printed = [
      run.stdout,
      run.stderr,
      run.summary,
      ...comments.map((c) => c.body),
    ].join('\n')
    expect(printed).not.toContain(SECRET)
    expect(printed).not.toContain('root:x:0')
    // The other user's comment is untouched.
    expect(comments.find((c) => c.login === 'mallory')?.body).toBe(
      `${COMMENT_MARKER}\nkeep me`,
    )
    rmSync(ctx.top, { recursive: true, force: true })
  }, 60_000)
})
