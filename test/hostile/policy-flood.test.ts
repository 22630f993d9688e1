import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import { cli } from '../support/cli.js'

/**
 * A policy is bounded (500 rules, 1,000 exceptions, 1 MiB with everything
 * it extends), and the report grows with what was found, not with rules
 * times agents: at most 50 findings of each agent are listed, with a count
 * of the rest, and the verdict counts them all.
 */

let tops: string[] = []
afterEach(() => {
  for (const top of tops) rmSync(top, { recursive: true, force: true })
  tops = []
})

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'aivss-policy-flood-'))
  tops.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const rules = (count: number, from = 0, action = 'warn') =>
  Array.from(
    { length: count },
    (_, i) =>
      `  - { id: r${from + i}, when: { score: { gte: 0 } }, action: ${action} }\n`,
  ).join('')

const AGENT = (i: number) =>
  `name: agent-${i}\ndescription: Answers questions.\ntools: [search_docs]\n`

describe('a policy past the limits', () => {
  it('of 8,000 trivial rules is refused at once, naming the limit', () => {
    const root = tree({
      'a.aivss.yml': AGENT(0),
      '.github/aivss-policy.yml': `version: 1\nrules:\n${rules(8000)}`,
    })
    const started = Date.now()
    const run = cli(['scan', '.'], root)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/more than 500 rules \(8000\)/)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('of 300 rules extending 300 more is refused', () => {
    const root = tree({
      'a.aivss.yml': AGENT(0),
      '.github/aivss-policy.yml': `version: 1\nextends: ./more.yml\nrules:\n${rules(300)}`,
      '.github/more.yml': `version: 1\nrules:\n${rules(300, 300)}`,
    })
    const run = cli(['scan', '.'], root)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/more than 500 rules/)
  })

  it('of 1,001 exceptions is refused', () => {
    const exceptions = Array.from(
      { length: 1001 },
      (_, i) => `  - { rule: r0, paths: ["x${i}/**"], reason: r }\n`,
    ).join('')
    const root = tree({
      'a.aivss.yml': AGENT(0),
      '.github/aivss-policy.yml': `version: 1\nrules:\n${rules(1)}exceptions:\n${exceptions}`,
    })
    const run = cli(['scan', '.'], root)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/more than 1000 exceptions \(1001\)/)
  })

  it('whose files are over 1 MiB together is refused', () => {
    const pad = `# ${'x'.repeat(1000)}\n`.repeat(600)
    const root = tree({
      'a.aivss.yml': AGENT(0),
      '.github/aivss-policy.yml': `version: 1\nextends: ./more.yml\n${pad}`,
      '.github/more.yml': `version: 1\n${pad}`,
    })
    const run = cli(['scan', '.'], root)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/over 1048576 bytes in total/)
  })
})

describe('500 rules against 2,000 agents', () => {
  it('stays fast, keeps the report small and counts every finding', () => {
    const files: Record<string, string> = {
      '.github/aivss-policy.yml': `version: 1\nrules:\n${rules(499)}  - { id: last, when: { score: { gte: 0 } }, action: fail }\n`,
    }
    for (let i = 0; i < 2000; i++) files[`agents/a${i}.aivss.yml`] = AGENT(i)
    const root = tree(files)
    const started = Date.now()
    const run = cli(['scan', '.', '-f', 'json'], root)
    const ms = Date.now() - started
    expect(run.code, run.stderr).toBe(1)
    const report = JSON.parse(run.stdout) as Report
    const policy = report.policy!
    // 500 findings per agent: 50 listed, 450 counted.
    expect(policy.violations.length).toBe(2000 * 50)
    expect(policy.unlisted).toEqual({
      fail: 2000,
      warn: 2000 * 449,
      excepted: 0,
    })
    // The one failing rule comes last and is not listed, yet it fails the run.
    expect(policy.result).toBe('fail')
    expect(report.agents[0]?.policy?.rules).toHaveLength(50)
    expect(report.agents[0]?.policy?.unlisted).toBe(450)
    // Numbers for the notes.
    console.log(
      `500 rules x 2000 agents: ${ms} ms, JSON report ${(run.stdout.length / 1024 / 1024).toFixed(1)} MiB`,
    )
    expect(run.stdout.length).toBeLessThan(64 * 1024 * 1024)
    expect(ms).toBeLessThan(60_000)
  }, 120_000)
})
