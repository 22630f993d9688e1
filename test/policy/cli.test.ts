import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli.js'
import { tempTree } from '../support/files.js'

const orchestrator = (guardrails: boolean) =>
  [
    'name: orchestrator',
    'description: Orchestrates worker agents.',
    'subAgents: [a, b, c]',
    'delegation: true',
    `controls: { guardrails: ${guardrails}, logging: true }`,
    'exposure: { reach: internal }',
  ].join('\n')

const MOTIVATING = [
  'version: 1',
  'rules:',
  '  - id: multi-agent-needs-guardrails',
  '    description: Multi-agent interaction above 0.7 requires declared guardrails',
  '    when:',
  '      factors: { multiAgentInteractions: { gt: 0.7 } }',
  '      missing-controls: [guardrails]',
  '    action: fail',
].join('\n')

describe('aivss-gate scan --policy', () => {
  it('exits 1 when a rule fails, 0 with --warn-only, and leads the report with the verdict', () => {
    const root = tempTree({
      'o.aivss.yml': orchestrator(false),
      'policy.yml': MOTIVATING,
    })
    const failed = cli(['scan', root, '--policy', join(root, 'policy.yml')])
    expect(failed.code).toBe(1)
    expect(failed.stdout.split('\n')[0]).toMatch(
      /^Policy FAIL — 1 failure, 0 warnings \(\S*policy\.yml\)$/,
    )
    expect(failed.stdout).toMatch(
      /FAIL {2}multi-agent-needs-guardrails {2}o\.aivss\.yml:5 orchestrator: multiAgentInteractions 0\.80 > 0\.70 and guardrails declared off/,
    )
    const warnOnly = cli([
      'scan',
      root,
      '--policy',
      join(root, 'policy.yml'),
      '--warn-only',
    ])
    expect(warnOnly.code).toBe(0)
    expect(warnOnly.stdout.split('\n')[0]).toMatch(
      /^Policy FAIL \(warn-only: not blocking\)/,
    )
  })

  it('passes the same manifest once guardrails are declared', () => {
    const root = tempTree({
      'o.aivss.yml': orchestrator(true),
      'policy.yml': MOTIVATING,
    })
    const run = cli([
      'scan',
      root,
      '--policy',
      join(root, 'policy.yml'),
      '--format',
      'json',
    ])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as {
      policy: { result: string; violations: unknown[] }
    }
    expect(report.policy).toMatchObject({ result: 'pass', violations: [] })
  })

  it('writes policy.result and policy.violations into the JSON report, and the verdict first in markdown', () => {
    const root = tempTree({ 'o.aivss.yml': orchestrator(false) })
    const run = cli(['scan', root, '--policy', 'default', '--format', 'json'])
    const report = JSON.parse(run.stdout) as {
      policy: {
        result: string
        chain: string[]
        violations: Array<Record<string, unknown>>
      }
      agents: Array<{ policy: { result: string } }>
    }
    expect(report.policy.result).toBe('fail')
    expect(report.policy.chain).toEqual(['preset:default'])
    expect(report.policy.violations).toContainEqual(
      expect.objectContaining({
        rule: 'multi-agent-needs-guardrails',
        agent: 'orchestrator',
        file: 'o.aivss.yml',
        // The line of the control it lacks.
        line: 5,
        action: 'fail',
      }),
    )
    expect(report.agents[0]?.policy.result).toBe('fail')
    const markdown = cli(['scan', root, '--format', 'markdown']).stdout
    expect(markdown.split('\n')[0]).toBe('## ❌ aivss-gate: policy failed')
  })

  it('uses the repository policy when there is one, else the default preset', () => {
    const root = tempTree({ 'o.aivss.yml': orchestrator(false) })
    expect(
      JSON.parse(cli(['scan', root, '--format', 'json']).stdout).policy.chain,
    ).toEqual(['preset:default'])
    mkdirSync(join(root, '.github'))
    writeFileSync(
      join(root, '.github/aivss-policy.yml'),
      'version: 1\nextends: permissive\n',
    )
    const run = cli(['scan', root, '--format', 'json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).policy.chain[0]).toMatch(
      /\.github\/aivss-policy\.yml$/,
    )
  })

  it('takes its scoring settings from the policy, under the command line', () => {
    const root = tempTree({
      'o.aivss.yml': orchestrator(true),
      'p.yml': 'version: 1\naivss: { version: "0.5", factor-scale: rubric }\n',
    })
    const fromPolicy = JSON.parse(
      cli(['scan', root, '--policy', join(root, 'p.yml'), '--format', 'json'])
        .stdout,
    )
    expect(fromPolicy.aivss).toMatchObject({ version: '0.5', scale: 'rubric' })
    const overridden = JSON.parse(
      cli([
        'scan',
        root,
        '--policy',
        join(root, 'p.yml'),
        '--aivss-version',
        '0.8',
        '--format',
        'json',
      ]).stdout,
    )
    expect(overridden.aivss.version).toBe('0.8')
  })

  it('exits 2 with the line of an invalid policy', () => {
    const root = tempTree({
      'o.aivss.yml': orchestrator(false),
      'bad.yml':
        'version: 1\nrules:\n  - { id: x, when: { score: { gt: 12 } }, action: fail }\n',
    })
    const run = cli(['scan', root, '--policy', join(root, 'bad.yml')])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /bad\.yml:3:\d+: rules\[0\]\.when\.score\.gt: must be at most 10 \(got 12\)/,
    )
  })
})

describe('aivss-gate policy check', () => {
  it('prints the rules a policy resolves to, inherited ones included', () => {
    const root = tempTree({
      'p.yml':
        'version: 1\nextends: default\nrules:\n  - { id: mine, when: { tools: [payments] }, action: fail }\n  - { id: high-agents, when: { severity: { eq: high } }, action: off }\n',
    })
    const run = cli(['policy', 'check', 'p.yml'], root)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^Policy p\.yml is valid\.\nExtends: preset:default/,
    )
    expect(run.stdout).toMatch(
      /fail {2}critical-agents — AIVSS score is Critical \(9\.0 or more\)/,
    )
    expect(run.stdout).toMatch(
      /fail {2}mine\n {8}when \{"tools":\["payments"\]\} {3}\[from p\.yml\]/,
    )
    expect(run.stdout).toMatch(/Switched off \(1\):\n {2}off {3}high-agents/)
  })

  it('checks presets by name and rejects bad files with exit 2', () => {
    expect(cli(['policy', 'check', 'owasp-top10']).stdout).toMatch(
      /asi05-code-execution/,
    )
    const root = tempTree({
      'p.yml':
        'version: 1\nrules: [{ id: x, when: { factors: { nope: { gt: 0.1 } } }, action: warn }]\n',
    })
    const run = cli(['policy', 'check', 'p.yml'], root)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /p\.yml:2:\d+: rules\[0\]\.when\.factors\.nope: unknown field "nope"/,
    )
    expect(cli(['policy', 'check']).code).toBe(2)
  })
})
