import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/core/gate.js'
import type { Report, ReportAgent } from '../../src/core/report/schema.js'
import { cli } from '../support/cli.js'
import { tempTree } from '../support/files.js'
import { commit, git, gitMove, gitRepo } from '../support/git.js'

/**
 * A pull request cannot declare its own agent safe. The base holds a plain
 * shell agent that the base's policy fails; the pull request adds or edits
 * aivss declarations (a sidecar, an aivss block, a descriptor's controls)
 * that would make it look safe. Through the CLI with --base, strict judges
 * the agent on the estimate from its manifest, exactly as it judges the
 * plain agent, and the default preset reports declared-in-pull-request;
 * both scores are in the JSON report and the comment. Declarations already
 * on the base, and declarations in trusted files, keep their meaning.
 */

const MANIFEST = '.claude/agents/ops.md'
const SIDECAR = `${MANIFEST}.aivss.yml`

function subagent(extraFrontMatter = '', description = 'Runs deploy commands') {
  return `---\nname: ops\ndescription: ${description}\ntools: Bash\npermissionMode: bypassPermissions\n${extraFrontMatter}---\nYou run shell commands to deploy the service.\n`
}

const LOW_FACTORS =
  '{ autonomyOfAction: 0.1, dynamicToolUse: 0.1, naturalLanguageInterface: 0.1, contextualAwareness: 0.1, nonDeterminism: 0.1, opacityReflexivity: 0.1, persistentMemory: 0.1, selfModification: 0.1 }'
const ALL_CONTROLS =
  '{ guardrails: true, humanApproval: true, sandbox: true, logging: true, authentication: true, rateLimits: true, allowlists: true }'

const EVERYTHING = [
  `controls: ${ALL_CONTROLS}`,
  'aivss:',
  '  baseline: none',
  '  mitigation: strong',
  '  mitigationReason: reviewed by the team',
  '  threatMultiplier: unreported',
  `  factors: ${LOW_FACTORS}`,
  '',
].join('\n')

/** What the pull request writes over the plain agent of the base. */
const PULL_REQUESTS: Record<string, Record<string, string>> = {
  'a sidecar with every claim': { [SIDECAR]: EVERYTHING },
  'a sidecar entry for the agent by name': {
    [SIDECAR]: `agents:\n  ops:\n    controls: ${ALL_CONTROLS}\n    aivss: { mitigation: strong, mitigationReason: ok, baseline: none }\n`,
  },
  'an aivss block in the front matter': {
    [MANIFEST]: subagent(
      `aivss:\n  baseline: none\n  mitigation: strong\n  mitigationReason: reviewed\n  factors: ${LOW_FACTORS}\n`,
    ),
  },
  'controls declared on in a sidecar': {
    [SIDECAR]: `controls: { humanApproval: true, sandbox: true, guardrails: true }\n`,
  },
  'mitigation: strong': {
    [SIDECAR]: 'aivss: { mitigation: strong, mitigationReason: trust us }\n',
  },
  'baseline: none': { [SIDECAR]: 'aivss: { baseline: none }\n' },
  'a mild declared baseline': {
    [SIDECAR]:
      'aivss: { baseline: "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N" }\n',
  },
  'low factor values': { [SIDECAR]: `aivss: { factors: ${LOW_FACTORS} }\n` },
  'a low threat multiplier': {
    [SIDECAR]: 'aivss: { threatMultiplier: 0.05 }\n',
  },
}

interface Scan {
  readonly code: number
  readonly report: Report
}

function scan(repo: string, ...args: string[]): Scan {
  const run = cli(['scan', '.', '--format', 'json', ...args], repo)
  expect(run.stderr).not.toMatch(/error/i)
  return { code: run.code, report: JSON.parse(run.stdout) as Report }
}

function markdown(repo: string, ...args: string[]): string {
  return cli(['scan', '.', '--format', 'markdown', ...args], repo).stdout
}

function ops(report: Report): ReportAgent {
  const agent = report.agents.find((a) => a.name === 'ops')
  expect(agent).toBeDefined()
  return agent as ReportAgent
}

/** The rules that fail the agent, which the verdict is made of. */
/**
 * The failing rules, without those about the change (an agent the pull
 * request adds fails new-unapproved-tools too, which a scan without a base
 * cannot match).
 */
function failing(agent: ReportAgent): string[] {
  return (agent.policy?.rules ?? [])
    .filter((r) => r.outcome === 'fail' && r.rule !== 'new-unapproved-tools')
    .map((r) => r.rule)
    .sort()
}

function findings(report: Report, rule = 'declared-in-pull-request') {
  return (report.policy?.violations ?? []).filter((v) => v.rule === rule)
}

/** The base: the plain agent, and what strict and default make of it. */
function plainBase(files: Record<string, string> = {}) {
  const repo = gitRepo({ [MANIFEST]: subagent(), ...files })
  const base = git(repo, 'rev-parse', 'HEAD')
  const strict = scan(repo, '--policy', 'strict')
  expect(strict.code).toBe(1)
  return { repo, base, plain: ops(strict.report) }
}

describe.each(Object.entries(PULL_REQUESTS))(
  'a pull request that adds %s',
  (_name, changes) => {
    it('fails strict on the estimate from the manifest, as the plain agent fails', () => {
      const { repo, base, plain } = plainBase()
      commit(repo, changes)
      const head = scan(repo, '--base', base, '--policy', 'strict')
      const agent = ops(head.report)
      expect(head.code).toBe(1)
      expect(failing(agent)).toEqual(failing(plain))
      expect(agent.declarations).toMatchObject({
        underReview: true,
        judgedOn: 'estimate',
        estimatedScore: plain.score,
        reviewedScore: plain.score,
      })
      expect(agent.declarations?.declaredScore).toBe(agent.score)
      expect(agent.score).toBeLessThan(plain.score)
      expect(
        agent.declarations?.claims.every((c) => c.status === 'under-review'),
      ).toBe(true)
      expect(findings(head.report)).toHaveLength(1)
    })

    it('is judged on the estimate by the default preset too, with a declared-in-pull-request warning and both scores', () => {
      const { repo, base, plain } = plainBase()
      const plainDefault = scan(repo)
      commit(repo, changes)
      const head = scan(repo, '--base', base)
      const agent = ops(head.report)
      expect(agent.declarations?.judgedOn).toBe('estimate')
      // What the plain agent fails, the self-declared one fails too.
      expect(head.code).toBe(plainDefault.code)
      expect(head.report.policy?.result).toBe(
        plainDefault.report.policy?.result === 'pass'
          ? 'warn'
          : plainDefault.report.policy?.result,
      )
      expect(findings(head.report)).toEqual([
        expect.objectContaining({
          agent: 'ops',
          file: MANIFEST,
          action: 'warn',
          message: expect.stringContaining(
            `declared in this pull request: ${agent.score.toFixed(1)}; estimated from the manifest: ${plain.score.toFixed(1)}`,
          ),
        }),
      ])
      expect(head.report.policy?.result).not.toBe('pass')
      const comment = markdown(repo, '--base', base)
      expect(comment).toContain(
        `declared in this pull request: ${agent.score.toFixed(1)} · estimated from the manifest: ${plain.score.toFixed(1)}`,
      )
      // The delta line says which score the verdict used.
      const reviewed = agent.declarations?.reviewedScore
      expect(reviewed).toBeDefined()
      expect(comment).toMatch(
        new RegExp(
          `\\*\\*ops\\*\\*[^\\n]*judged on the estimate from the manifest: ${(reviewed ?? 0).toFixed(1).replace('.', '\\.')}`,
        ),
      )
    })
  },
)

describe('declarations the base already holds', () => {
  it('keep lowering the score when the pull request leaves them alone', () => {
    const repo = gitRepo({ [MANIFEST]: subagent(), [SIDECAR]: EVERYTHING })
    const base = git(repo, 'rev-parse', 'HEAD')
    const before = ops(scan(repo, '--policy', 'strict').report)
    commit(repo, { [MANIFEST]: subagent('', 'Runs deploy commands safely') })
    const head = scan(repo, '--base', base, '--policy', 'strict')
    const agent = ops(head.report)
    expect(head.code).toBe(0)
    expect(agent.score).toBe(before.score)
    expect(findings(head.report)).toEqual([])
    expect(agent.declarations?.underReview).toBe(false)
    expect(agent.declarations?.claims.length).toBeGreaterThan(0)
    expect(
      agent.declarations?.claims.every((c) => c.status === 'on-base'),
    ).toBe(true)
    expect(markdown(repo, '--base', base)).not.toContain(
      'declared in this pull request',
    )
  })

  it('keep their meaning when the agent moves with its sidecar', () => {
    const repo = gitRepo({ [MANIFEST]: subagent(), [SIDECAR]: EVERYTHING })
    const base = git(repo, 'rev-parse', 'HEAD')
    gitMove(repo, MANIFEST, '.claude/agents/team/ops.md')
    gitMove(repo, SIDECAR, '.claude/agents/team/ops.md.aivss.yml')
    commit(repo, {})
    const head = scan(repo, '--base', base, '--policy', 'strict')
    expect(head.code).toBe(0)
    expect(findings(head.report)).toEqual([])
    expect(ops(head.report).declarations?.claims.map((c) => c.status)).toEqual(
      expect.arrayContaining(['on-base']),
    )
    expect(ops(head.report).declarations?.underReview).toBe(false)
  })

  it('count, while what the pull request adds to the sidecar is under review', () => {
    const { repo, base } = (() => {
      const r = gitRepo({
        [MANIFEST]: subagent(),
        [SIDECAR]: 'controls: { logging: true }\n',
      })
      return { repo: r, base: git(r, 'rev-parse', 'HEAD') }
    })()
    const onBase = ops(scan(repo, '--policy', 'strict').report)
    commit(repo, {
      [SIDECAR]: `controls: { logging: true, humanApproval: true, sandbox: true }\naivss: { mitigation: strong, mitigationReason: fine }\n`,
    })
    const head = scan(repo, '--base', base, '--policy', 'strict')
    const agent = ops(head.report)
    expect(head.code).toBe(1)
    expect(failing(agent)).toEqual(failing(onBase))
    const status = Object.fromEntries(
      (agent.declarations?.claims ?? []).map((c) => [c.declaration, c.status]),
    )
    expect(status).toEqual({
      'control.logging': 'on-base',
      'control.humanApproval': 'under-review',
      'control.sandbox': 'under-review',
      mitigation: 'under-review',
    })
    expect(agent.declarations?.reviewedScore).toBe(onBase.score)
    expect(agent.declarations?.estimatedScore).toBeGreaterThanOrEqual(
      onBase.score,
    )
  })

  it('a changed value is under review, even when only its number moves', () => {
    const repo = gitRepo({
      [MANIFEST]: subagent(),
      [SIDECAR]: 'aivss: { factors: { autonomyOfAction: 0.5 } }\n',
    })
    const base = git(repo, 'rev-parse', 'HEAD')
    commit(repo, {
      [SIDECAR]: 'aivss: { factors: { autonomyOfAction: 0.1 } }\n',
    })
    const head = scan(repo, '--base', base)
    expect(findings(head.report)).toHaveLength(1)
    expect(ops(head.report).declarations?.claims).toEqual([
      expect.objectContaining({
        declaration: 'factor.autonomyOfAction',
        value: '0.1',
        status: 'under-review',
      }),
    ])
  })
})

describe('a descriptor added by the pull request', () => {
  const tools =
    'tools: [{ name: bash, kind: shell }, { name: deploy, kind: cloud-admin }]\n'
  const claims = `controls: { humanApproval: true, sandbox: true, guardrails: true }\naivss: { mitigation: strong, mitigationReason: ok, factors: ${LOW_FACTORS} }\n`

  it('is judged on what its tools estimate, not on its own controls and aivss block', () => {
    const plain = tempTree({ 'agents/ops.aivss.yml': `name: ops\n${tools}` })
    const expected = ops(scan(plain, '--policy', 'strict').report)
    expect(failing(expected).length).toBeGreaterThan(0)
    const repo = gitRepo({ 'README.md': 'nothing here\n' })
    const base = git(repo, 'rev-parse', 'HEAD')
    commit(repo, { 'agents/ops.aivss.yml': `name: ops\n${tools}${claims}` })
    const head = scan(repo, '--base', base, '--policy', 'strict')
    const agent = ops(head.report)
    expect(head.code).toBe(1)
    expect(failing(agent)).toEqual(failing(expected))
    expect(agent.declarations?.estimatedScore).toBe(expected.score)
    expect(findings(head.report)).toHaveLength(1)
  })

  it('claims safeguards for its tools and inputs: judged without them', () => {
    const plain = tempTree({ 'agents/ops.aivss.yml': `name: ops\n${tools}` })
    const expected = ops(scan(plain, '--policy', 'strict').report)
    const repo = gitRepo({ 'README.md': 'nothing here\n' })
    const base = git(repo, 'rev-parse', 'HEAD')
    commit(repo, {
      'agents/ops.aivss.yml': [
        'name: ops',
        'exposure: { inputFiltering: true }',
        'tools:',
        '  - { name: bash, kind: shell, requiresApproval: true, readOnly: true }',
        '  - { name: deploy, kind: cloud-admin, requiresApproval: true }',
        '',
      ].join('\n'),
    })
    const strict = scan(repo, '--base', base, '--policy', 'strict')
    const agent = ops(strict.report)
    expect(agent.score).toBeLessThan(expected.score)
    expect(strict.code).toBe(1)
    expect(failing(agent)).toEqual(failing(expected))
    expect(agent.declarations?.estimatedScore).toBe(expected.score)
    expect(agent.declarations?.claims.map((c) => c.declaration).sort()).toEqual(
      [
        'exposure.inputFiltering',
        'tool.bash.readOnly',
        'tool.bash.requiresApproval',
        'tool.deploy.requiresApproval',
      ],
    )
    expect(findings(scan(repo, '--base', base).report)).toHaveLength(1)
  })

  it('keeps its claims once it is on the base', () => {
    const repo = gitRepo({
      'agents/ops.aivss.yml': `name: ops\n${tools}${claims}`,
    })
    const base = git(repo, 'rev-parse', 'HEAD')
    commit(repo, {
      'agents/ops.aivss.yml': `name: ops\ndescription: deploys\n${tools}${claims}`,
    })
    const head = scan(repo, '--base', base)
    expect(findings(head.report)).toEqual([])
    const reviewed = ops(head.report).declarations?.claims ?? []
    expect(reviewed.length).toBeGreaterThan(0)
    expect(reviewed.every((c) => c.status === 'on-base')).toBe(true)
  })
})

describe('declarations that raise the risk', () => {
  it('are never claims: they count, with no finding', () => {
    const { repo, base, plain } = plainBase()
    commit(repo, {
      [SIDECAR]:
        'controls: { logging: false, sandbox: false }\naivss: { mitigation: none, threatMultiplier: attacked, factors: { autonomyOfAction: 1, multiAgentInteractions: 0.9 } }\n',
    })
    const head = scan(repo, '--base', base, '--policy', 'strict')
    const agent = ops(head.report)
    expect(agent.declarations).toBeUndefined()
    expect(findings(head.report)).toEqual([])
    expect(agent.score).toBeGreaterThanOrEqual(plain.score)
  })
})

describe('trusted-declarations', () => {
  const policy = (glob: string): string =>
    `version: 1\nextends: strict\ntrusted-declarations: ['${glob}']\n`

  it('lets declarations in files the security team owns count when the pull request changes them', () => {
    const { repo, base } = plainBase({
      '.github/aivss-policy.yml': policy('.claude/agents/*.aivss.yml'),
    })
    commit(repo, { [SIDECAR]: EVERYTHING })
    const head = scan(repo, '--base', base)
    const agent = ops(head.report)
    expect(head.code).toBe(0)
    expect(findings(head.report)).toEqual([])
    expect(agent.declarations?.underReview).toBe(false)
    expect(
      agent.declarations?.claims.every((c) => c.status === 'trusted'),
    ).toBe(true)
  })

  it('trusts nothing outside its globs', () => {
    const { repo, base, plain } = plainBase({
      '.github/aivss-policy.yml': policy('security/**'),
    })
    commit(repo, { [SIDECAR]: EVERYTHING })
    const head = scan(repo, '--base', base)
    expect(head.code).toBe(1)
    expect(failing(ops(head.report))).toEqual(failing(plain))
  })
})

describe('without a usable base', () => {
  it('takes declarations at their word when no comparison is made (push, schedule)', () => {
    const repo = gitRepo({ [MANIFEST]: subagent(), [SIDECAR]: EVERYTHING })
    const head = scan(repo, '--policy', 'strict')
    expect(head.code).toBe(0)
    expect(findings(head.report)).toEqual([])
    expect(
      ops(head.report).declarations?.claims.every(
        (c) => c.status === 'no-comparison',
      ),
    ).toBe(true)
  })

  it('fails closed when a base was asked for and could not be read', () => {
    const root = tempTree({ [MANIFEST]: subagent(), [SIDECAR]: EVERYTHING })
    const run = runGate({
      root,
      cwd: root,
      policy: 'strict',
      today: '2026-12-01',
      compare: {
        kind: 'unavailable',
        reason: 'the base commit could not be fetched',
        base: { kind: 'git', sha: '0123456789abcdef0123456789abcdef01234567' },
      },
    })
    const agent = ops(run.report)
    expect(run.evaluation.result).toBe('fail')
    expect(agent.declarations).toMatchObject({
      underReview: true,
      judgedOn: 'estimate',
      reason: 'the base commit could not be fetched',
    })
    expect(failing(agent)).toContain('code-tools-need-sandbox')
  })
})

describe('the declared-in-pull-request finding', () => {
  it('is a rule id that exceptions can name', () => {
    const { repo, base } = plainBase({
      '.github/aivss-policy.yml': `version: 1\nexceptions:\n  - rule: declared-in-pull-request\n    paths: ['.claude/agents/**']\n    reason: the agents team reviews these\n`,
    })
    commit(repo, {
      [SIDECAR]: 'aivss: { mitigation: strong, mitigationReason: ok }\n',
    })
    const head = scan(repo, '--base', base)
    expect(findings(head.report)).toEqual([])
    expect(head.report.policy?.excepted.map((v) => v.rule)).toEqual([
      'declared-in-pull-request',
    ])
  })

  it('says in the comment that strict judged the agent on the estimate', () => {
    const { repo, base } = plainBase()
    commit(repo, { [SIDECAR]: EVERYTHING })
    const comment = markdown(repo, '--base', base, '--policy', 'strict')
    expect(comment).toMatch(
      /declared in this pull request: \d+\.\d · estimated from the manifest: \d+\.\d/,
    )
    expect(comment).toContain('The policy judged it on the estimate')
    expect(comment).toContain('`declared-in-pull-request`')
  })
})
