import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/core/render/markdown.js'
import { renderText } from '../../src/core/render/text.js'
import { cli } from '../support/cli.js'
import {
  compare,
  scenarioRepo,
  SCENARIOS,
  violated,
  type Compared,
} from '../support/delta.js'
import { tempTree } from '../support/files.js'
import { git, gitRepo } from '../support/git.js'

/**
 * The five pull requests a reviewer cares about, each compared both ways:
 * with the base commit (`--base`, read with git) and with a baseline file
 * recorded before the change (`--baseline`). The delta and the comment's
 * first lines say exactly what changed, and the ratchet rules fail only the
 * agents the pull request made worse (never the legacy Critical agent).
 */

const WAYS = ['git', 'file'] as const

/** The comment's lines from the title to the first blank line after the delta. */
function commentHead(c: Compared): string[] {
  return c.comment.slice(0, 4)
}

describe.each(WAYS)('comparing with the base (%s)', (how) => {
  it('adding a tool: the changed agent, its new tool, and only its rule', () => {
    const c = compare(scenarioRepo(SCENARIOS.addTool), how)
    const delta = c.report.delta!
    expect(delta.available).toBe(true)
    expect(delta.summary).toBe('1 agent changed; 2 unchanged')
    expect(delta.added).toEqual([])
    expect(delta.removed).toEqual([])
    expect(delta.renamed).toEqual([])
    expect(delta.changed).toHaveLength(1)
    const [change] = delta.changed
    expect(change).toMatchObject({
      id: 'agents/orchestrator.aivss.yml#orchestrator',
      tools: {
        added: [{ name: 'bash', kind: 'shell' }],
        removed: [],
      },
      unapprovedTools: ['bash'],
      controls: { added: [], removed: [] },
    })
    expect(change!.score.after).toBeGreaterThan(change!.score.before)
    expect(change!.score.change).toBe(
      Math.round((change!.score.after - change!.score.before) * 10) / 10,
    )
    expect(change!.factors.map((f) => f.id)).toContain('dynamicToolUse')
    expect(delta.unchanged).toBe(2)
    expect(delta.unchangedAgents).toEqual([
      'agents/legacy.aivss.yml#legacy',
      'agents/reconciler.aivss.yml#reconciler',
    ])

    expect(violated(c.report)).toEqual([
      'no-new-exec-tools orchestrator',
      'score-ratchet orchestrator',
    ])
    const messages = c.report.policy!.violations.map((v) => v.message)
    expect(messages).toContain('new tool shell (bash)')
    expect(messages).toContainEqual(
      `score ${change!.score.before.toFixed(1)} -> ${change!.score.after.toFixed(1)}, +${change!.score.change.toFixed(1)} >= 0.5`,
    )
    expect(c.run.code).toBe(1)

    // The comment leads with the change, in one sentence, then its row.
    const head = commentHead(c)
    expect(head[0]).toBe(
      `## ❌ aivss-gate: This pull request makes \`orchestrator\` riskier (${change!.score.before.toFixed(1)} → Critical ${change!.score.after.toFixed(1)}): now runs shell commands without approval`,
    )
    expect(head[2]).toBe('| Change | Agent | Score | What changed | Findings |')
    expect(c.comment[4]).toMatch(
      new RegExp(
        `^\\| ⬆️ riskier \\| \\*\\*orchestrator\\*\\*<br>agents/orchestrator\\.aivss\\.yml:1 \\| ${change!.score.before.toFixed(1)} → \\*\\*${change!.score.after.toFixed(1)}\\*\\* Critical \\| now runs shell commands \\(\`bash\`\\) without approval \\| ❌ \`no-new-exec-tools\`, ⚠️ \`score-ratchet\` \\|$`,
      ),
    )
    // Unchanged agents are a count, never a list.
    expect(c.comment.join('\n')).toContain('2 agents unchanged')
    expect(c.comment.join('\n')).not.toContain('legacy')
  })

  it('removing guardrails: the control removed, and only keep-guardrails fails (the ratchet warns)', () => {
    const c = compare(scenarioRepo(SCENARIOS.removeGuardrails), how)
    const delta = c.report.delta!
    expect(delta.summary).toBe('1 agent changed; 2 unchanged')
    expect(delta.changed).toHaveLength(1)
    expect(delta.changed[0]).toMatchObject({
      name: 'orchestrator',
      tools: { added: [], removed: [] },
      controls: { added: [], removed: ['guardrails'] },
    })
    // Guardrails made steering it harder (AC:H); without them the score
    // rises enough for the ratchet, which only warns.
    expect(violated(c.report)).toEqual([
      'keep-guardrails orchestrator',
      'score-ratchet orchestrator',
    ])
    expect(
      c.report.policy!.violations.map((v) => [v.rule, v.action]),
    ).toContainEqual(['score-ratchet', 'warn'])
    expect(c.report.policy!.violations[0]!.message).toBe(
      'guardrails declared in the base, declared off now',
    )
    expect(c.comment[4]).toMatch(
      /^\| ⬆️ riskier \| \*\*orchestrator\*\*.* \| \d\.\d → \*\*\d\.\d\*\* High \| guardrails no longer in effect \| ❌ `keep-guardrails`, ⚠️ `score-ratchet` \|$/,
    )
    expect(c.comment.join('\n')).toContain(
      '- **To fix:** restore the control the change took away.',
    )
  })

  it('adding an agent: listed as added, and the new-agent rules fail it alone', () => {
    const c = compare(scenarioRepo(SCENARIOS.addAgent), how)
    const delta = c.report.delta!
    expect(delta.summary).toBe('1 agent added; 3 unchanged')
    expect(delta.changed).toEqual([])
    expect(delta.added).toEqual([
      expect.objectContaining({
        id: 'agents/researcher.aivss.yml#researcher',
        name: 'researcher',
        file: 'agents/researcher.aivss.yml',
        line: 1,
        format: 'aivss-descriptor',
        severity: 'critical',
        tools: [
          { name: 'web_search', kind: 'search' },
          { name: 'run_python', kind: 'code-exec' },
        ],
        unapprovedTools: ['run_python'],
        controls: [],
      }),
    ])
    expect(violated(c.report)).toEqual([
      'new-agents-below-high researcher',
      'no-new-exec-tools researcher',
    ])
    expect(
      c.report.policy!.violations.find((v) => v.rule === 'no-new-exec-tools')
        ?.message,
    ).toBe('new tool code-exec (run_python)')
    expect(c.comment[0]).toMatch(
      /^## ❌ aivss-gate: This pull request adds `researcher` \(Critical \d\.\d\): runs code without approval$/,
    )
    expect(c.comment[4]).toMatch(
      /^\| 🆕 added \| \*\*researcher\*\*<br>agents\/researcher\.aivss\.yml:1 \| \*\*\d\.\d\*\* Critical \| runs code \(`run_python`\) without approval \| ❌ `no-new-exec-tools`, ❌ `new-agents-below-high` \|$/,
    )
  })

  it('renaming a manifest: one agent renamed, not removed and added', () => {
    const c = compare(scenarioRepo(SCENARIOS.renameManifest), how)
    const delta = c.report.delta!
    expect(delta.summary).toBe('1 agent renamed; 2 unchanged')
    expect(delta.added).toEqual([])
    expect(delta.removed).toEqual([])
    expect(delta.changed).toEqual([])
    expect(delta.renamed).toEqual([
      {
        from: {
          id: 'agents/reconciler.aivss.yml#reconciler',
          name: 'reconciler',
          file: 'agents/reconciler.aivss.yml',
          ...(how === 'git' ? { line: 1 } : {}),
        },
        to: {
          id: 'agents/ledger-reconciler.aivss.yml#reconciler',
          name: 'reconciler',
          file: 'agents/ledger-reconciler.aivss.yml',
          line: 1,
        },
        detectedBy: how === 'git' ? 'git' : 'profile',
        changed: false,
      },
    ])
    expect(violated(c.report)).toEqual([])
    expect(c.run.code).toBe(0)
    expect(c.comment[4]).toMatch(
      /^\| ↪️ moved \| \*\*reconciler\*\*<br>agents\/ledger-reconciler\.aivss\.yml:1 \| \d\.\d \| moved from `agents\/reconciler\.aivss\.yml`, nothing else changed \| ✅ none new \|$/,
    )
  })

  it('changing nothing: says so, and nothing fails', () => {
    const c = compare(scenarioRepo(SCENARIOS.nothing), how)
    const delta = c.report.delta!
    expect(delta).toMatchObject({
      available: true,
      summary: 'No agent changed; 3 unchanged',
      added: [],
      removed: [],
      changed: [],
      renamed: [],
      unchanged: 3,
    })
    expect(violated(c.report)).toEqual([])
    expect(c.comment[0]).toBe(
      '## ✅ aivss-gate: No agent changed by this pull request',
    )
    expect(c.comment[2]).toMatch(/^3 agents unchanged \(highest score/)
  })
})

describe('--base', () => {
  it('names the base in the delta, by ref and commit', () => {
    const setup = scenarioRepo(SCENARIOS.addTool)
    const run = cli([
      'scan',
      setup.repo,
      '--base',
      'HEAD~1',
      '--policy',
      setup.policy,
      '--format',
      'json',
    ])
    expect(JSON.parse(run.stdout).delta.base).toEqual({
      kind: 'git',
      ref: 'HEAD~1',
      sha: setup.base,
    })
  })

  it('scans a subdirectory of the repository against the same subdirectory of the base', () => {
    const setup = scenarioRepo(SCENARIOS.addAgent)
    const run = cli([
      'scan',
      `${setup.repo}/agents`,
      '--base',
      setup.base,
      '--policy',
      setup.policy,
      '--format',
      'json',
    ])
    const delta = JSON.parse(run.stdout).delta
    expect(delta.summary).toBe('1 agent added; 3 unchanged')
    expect(delta.added[0].file).toBe('researcher.aivss.yml')
  })

  it('leaves the working tree and HEAD alone', () => {
    const setup = scenarioRepo(SCENARIOS.addTool)
    const head = git(setup.repo, 'rev-parse', 'HEAD')
    compare(setup, 'git')
    expect(git(setup.repo, 'rev-parse', 'HEAD')).toBe(head)
    expect(git(setup.repo, 'status', '--porcelain')).toBe('')
  })

  it('compares the working tree, uncommitted changes included', () => {
    const repo = gitRepo({ 'a.aivss.yml': 'name: a\n' })
    const base = git(repo, 'rev-parse', 'HEAD')
    writeFileSync(join(repo, 'a.aivss.yml'), 'name: a\ntools: [send_email]\n')
    const run = cli(['scan', '.', '--base', base, '--format', 'json'], repo)
    const delta = JSON.parse(run.stdout).delta
    expect(delta.summary).toBe('1 agent changed')
    expect(delta.changed[0].tools.added).toEqual([
      { name: 'send_email', kind: 'email' },
    ])
  })

  it('is a usage error outside a git repository or for an unknown ref', () => {
    const plain = tempTree({ 'a.aivss.yml': 'name: a\n' })
    const outside = cli(['scan', plain, '--base', 'main'])
    expect(outside.code).toBe(2)
    expect(outside.stderr).toMatch(/--base main: .* is not in a git repository/)
    const repo = gitRepo({ 'a.aivss.yml': 'name: a\n' })
    const unknown = cli(['scan', repo, '--base', 'no-such-branch'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--base no-such-branch: no such commit')
    const option = cli(['scan', repo, '--base', '--upload-pack=evil'])
    expect(option.code).toBe(2)
  })

  it('does not take --base and --baseline together', () => {
    const run = cli(['scan', '.', '--base', 'main', '--baseline', 'b.json'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('give --base or --baseline, not both')
  })
})

describe('the text and markdown reports', () => {
  it('lead with the same delta section', () => {
    const c = compare(scenarioRepo(SCENARIOS.addTool), 'git')
    const text = renderText(c.report).split('\n')
    expect(text[0]).toMatch(
      /^1 agent changed; 2 unchanged \(compared with base [0-9a-f]{12}\)$/,
    )
    expect(text[1]).toMatch(
      /^ {2}changed {2}orchestrator \d\.\d → \d\.\d \(Medium → Critical\): new tool bash \(shell\) without human approval/,
    )
    expect(text[2]).toBe('  unchanged: legacy, reconciler')
    expect(text[4]).toMatch(/^Policy FAIL/)
    const markdown = renderMarkdown(c.report).split('\n')
    expect(markdown[0]).toBe('## ❌ aivss-gate: policy failed')
    expect(markdown[2]).toMatch(/^\*\*1 agent changed; 2 unchanged\*\*/)
    expect(markdown[4]).toMatch(/^- \*\*orchestrator\*\*/)
    expect(markdown.join('\n')).toMatch(/\| \*\*\d\.\d\*\* \(was \d\.\d\) \|/)
  })
})

describe('ratchet rules without a base', () => {
  it('do not match, and the report says the comparison was not available', () => {
    const setup = scenarioRepo(SCENARIOS.addTool)
    const run = cli([
      'scan',
      setup.repo,
      '--policy',
      setup.policy,
      '--format',
      'json',
    ])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.policy.violations).toEqual([])
    expect(report.delta).toMatchObject({
      available: false,
      reason: 'no base was given',
      added: [],
      changed: [],
    })
    const rule = report.agents[0].policy.rules[0]
    expect(rule).toEqual({
      rule: 'no-new-exec-tools',
      outcome: 'pass',
      message: 'no base to compare with (no base was given)',
    })
    const markdown = cli([
      'scan',
      setup.repo,
      '--policy',
      setup.policy,
      '--format',
      'markdown',
    ]).stdout.split('\n')
    expect(markdown[2]).toBe(
      '⚠️ **No comparison with the base:** no base was given. This report covers the head only; ratchet rules did not match.',
    )
  })

  it('leave the report without a delta when the policy has none and no base is given', () => {
    const setup = scenarioRepo(SCENARIOS.addTool)
    // The presets have ratchet rules (new-unapproved-tools): a policy of
    // its own has none.
    const policy = join(tempTree({}), 'policy.yml')
    writeFileSync(
      policy,
      'version: 1\nrules:\n  - { id: critical, when: { severity: { gte: critical } }, action: fail }\n',
    )
    const run = cli([
      'scan',
      setup.repo,
      '--policy',
      policy,
      '--format',
      'json',
    ])
    expect(JSON.parse(run.stdout).delta).toBeUndefined()
  })
})
