import { Validation } from '@cyclonedx/cyclonedx-library'
import * as Spec from '@cyclonedx/cyclonedx-library/Spec'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { COMMENT_LIMIT, COMMENT_MARKER } from '../../src/core/render/comment.js'
import { ReportSchema } from '../../src/core/report/schema.js'
import {
  pullRequestEvent,
  runAction,
  type ActionRun,
} from '../support/action.js'
import { bundledCli } from '../support/cli.js'
import { tempTree } from '../support/files.js'
import { commit, git, gitRepo } from '../support/git.js'
import { FakeGitHub } from '../support/github-server.js'
import {
  failingDescriptor,
  HOSTILE_DESCRIPTOR,
  passingDescriptor,
} from '../support/reports.js'
import { sarifErrors } from '../support/sarif.js'

/**
 * The committed bundle, run as the runner runs it, against a local GitHub
 * that answers like the real one and checks every request against GitHub's
 * OpenAPI description.
 */

let github: FakeGitHub
let pr = 100

beforeAll(async () => {
  github = await new FakeGitHub().start()
})
afterAll(async () => {
  await github.stop()
})
afterEach(() => {
  expect(github.problems).toEqual([])
  github.requests.length = 0
})

function checkout(extra: Record<string, string> = {}): string {
  return tempTree({
    'agents/risky.aivss.yml': failingDescriptor('risky'),
    'agents/calm.aivss.yml': passingDescriptor('calm'),
    ...extra,
  })
}

function onPullRequest(
  workspace: string,
  number: number,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    workspace,
    event: pullRequestEvent(number),
    apiUrl: github.url,
    inputs: { 'github-token': 'write-token', ...inputs },
  })
}

function postedBodies(): string[] {
  return github.requests
    .filter((r) => r.method === 'POST' || r.method === 'PATCH')
    .map((r) => (r.body as { body: string }).body)
}

describe('dist/index.js on a pull request', () => {
  it('creates the comment on the first run and updates it on the second', async () => {
    const workspace = checkout()
    const number = ++pr
    const first = await onPullRequest(workspace, number, {
      'warn-only': 'true',
      comment: 'always',
    })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const second = await onPullRequest(workspace, number, {
      'warn-only': 'true',
      comment: 'always',
    })
    expect(second.code).toBe(0)
    // The second run asks who the token is (GITHUB_TOKEN cannot: 403, so
    // github-actions[bot]) before it edits a comment with the marker.
    expect(
      github.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
    ).toEqual([
      `GET /repos/acme/agents/issues/${number}/comments 200`,
      `POST /repos/acme/agents/issues/${number}/comments 201`,
      `GET /repos/acme/agents/issues/${number}/comments 200`,
      'GET /user 403',
      `PATCH /repos/acme/agents/issues/comments/${github.thread(number)[0]!.id} 200`,
    ])
    const thread = github.thread(number)
    expect(thread).toHaveLength(1)
    expect(thread[0]!.body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true)
    const url = `https://github.com/acme/agents/pull/${number}#issuecomment-${thread[0]!.id}`
    expect(first.outputs['comment-url']).toBe(url)
    expect(second.outputs['comment-url']).toBe(url)
    expect(thread[0]!.body).toContain(
      `[agents/risky.aivss.yml:1](https://github.com/acme/agents/blob/${'c0ffee'.padEnd(40, '0')}/agents/risky.aivss.yml#L1)`,
    )
    expect(thread[0]!.body).toContain(
      '[the job summary](https://github.com/acme/agents/actions/runs/4242)',
    )
  })

  it('finds its comment among 150, on the second page', async () => {
    const workspace = checkout()
    const number = ++pr
    github.seed(
      number,
      Array.from({ length: 120 }, (_, i) => `comment ${i}`),
    )
    github.seed(
      number,
      [`${COMMENT_MARKER}\nan earlier report`],
      'github-actions[bot]',
    )
    github.seed(
      number,
      Array.from({ length: 29 }, (_, i) => `comment ${i + 121}`),
    )
    const run = await onPullRequest(workspace, number, { 'warn-only': 'true' })
    expect(run.code).toBe(0)
    expect(
      github.requests.map((r) => `${r.method} ${r.query} ${r.status}`),
    ).toEqual([
      'GET ?per_page=100 200',
      'GET ?per_page=100&page=2 200',
      'GET  403',
      'PATCH  200',
    ])
    expect(github.thread(number)).toHaveLength(150)
    expect(github.thread(number)[120]!.body).toContain(
      'aivss-gate: policy failed',
    )
  })

  it('escapes a hostile manifest in the comment', async () => {
    const number = ++pr
    const run = await onPullRequest(
      checkout({ 'agents/hostile.aivss.yml': HOSTILE_DESCRIPTOR }),
      number,
    )
    expect(run.code).toBe(1)
    const [body] = postedBodies()
    expect(body).toContain(
      '@&#8203;everyone &lt;img src=x onerror=alert(1)&gt;',
    )
    const outsideCode = body!.replace(/`[^`\n]*`/g, '')
    expect(outsideCode).not.toMatch(/<img|<script/i)
    expect(outsideCode).not.toMatch(/@(?!&#8203;)[A-Za-z]/)
    expect(outsideCode).not.toMatch(/(?<!\\)\]\(javascript:/)
  })

  it('warns once about a read-only token and keeps the verdict, outputs and summary', async () => {
    const workspace = checkout()
    const readOnly = await onPullRequest(workspace, ++pr, {
      'github-token': 'read-token',
    })
    const writable = await onPullRequest(workspace, ++pr)
    expect(readOnly.code).toBe(1)
    expect(readOnly.code).toBe(writable.code)
    const permission = readOnly.annotations.filter((a) =>
      a.message.includes('`pull-requests: write`'),
    )
    expect(permission).toHaveLength(1)
    expect(permission[0]!.level).toBe('warning')
    const { 'comment-url': readUrl, ...readOutputs } = readOnly.outputs
    const {
      'comment-url': writeUrl,
      report: _r,
      ...writeOutputs
    } = writable.outputs
    expect(readUrl).toBe('')
    expect(writeUrl).not.toBe('')
    expect({ ...readOutputs, report: '' }).toEqual({
      ...writeOutputs,
      report: '',
    })
    expect(readOnly.summary).toBe(writable.summary)
    expect(readOnly.summary).toMatch(/^## ❌ aivss-gate: policy failed/)
  })

  it('keeps an oversized report under the comment limit and still posts it', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 300; i++)
      files[`fleet/agent-${i}.aivss.yml`] = failingDescriptor(
        `orchestrator-${i}`,
        'Coordinates worker agents and retries their failed steps. '.repeat(12),
      )
    const run = await onPullRequest(tempTree(files), ++pr, {
      'warn-only': 'true',
    })
    expect(run.code).toBe(0)
    expect(github.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 201',
    ])
    const [body] = postedBodies()
    expect([...body!].length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body).toContain('more agents are in [the job summary]')
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024)
    expect(run.summary).toContain('> [!NOTE]')
    expect(run.outputs.agents).toBe('300')
  })

  it('retries a server error in the middle of the run', async () => {
    github.failures.push({ method: 'POST', status: 502 })
    const run = await onPullRequest(checkout(), ++pr, { 'warn-only': 'true' })
    expect(run.code).toBe(0)
    expect(github.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 502',
      'POST 201',
    ])
    expect(run.outputs['comment-url']).toMatch(/#issuecomment-\d+$/)
  })

  it('on-failure deletes its comment once the pull request is clean', async () => {
    const workspace = checkout()
    const number = ++pr
    await onPullRequest(workspace, number, {
      comment: 'on-failure',
      'warn-only': 'true',
    })
    expect(github.thread(number)).toHaveLength(1)
    writeFileSync(
      join(workspace, 'agents/risky.aivss.yml'),
      passingDescriptor('risky'),
    )
    const clean = await onPullRequest(workspace, number, {
      comment: 'on-failure',
    })
    expect(clean.code).toBe(0)
    expect(github.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      status: 204,
    })
    expect(github.thread(number)).toHaveLength(0)
    expect(clean.outputs['comment-url']).toBe('')
  })

  it('on-change leaves an unchanged comment alone; never writes nothing', async () => {
    const workspace = checkout()
    const number = ++pr
    await onPullRequest(workspace, number, {
      comment: 'on-change',
      'warn-only': 'true',
    })
    const again = await onPullRequest(workspace, number, {
      comment: 'on-change',
      'warn-only': 'true',
    })
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/acme/agents/issues/${number}/comments`,
      `POST /repos/acme/agents/issues/${number}/comments`,
      `GET /repos/acme/agents/issues/${number}/comments`,
      'GET /user',
    ])
    expect(again.outputs['comment-url']).toMatch(/#issuecomment-/)
    github.requests.length = 0
    await onPullRequest(workspace, number, {
      comment: 'never',
      'warn-only': 'true',
    })
    expect(github.requests).toEqual([])
  })
})

describe('dist/index.js verdict, outputs and files', () => {
  it('fails the step on a failing policy, and passes it with warn-only', async () => {
    const workspace = checkout()
    const failing = await runAction({ workspace })
    expect(failing.code).toBe(1)
    expect(failing.stdout).toMatch(
      /^::error::aivss-gate: policy failed: \d+ failing finding/m,
    )
    const warnOnly = await runAction({
      workspace,
      inputs: { 'warn-only': 'true' },
    })
    expect(warnOnly.code).toBe(0)
    expect(warnOnly.outputs.result).toBe('fail')
    expect(warnOnly.stdout).toMatch(
      /^::warning::aivss-gate: policy failed.*warn-only/m,
    )
  })

  it('gates a push without commenting, and writes outputs, summary, annotations, JSON and SARIF', async () => {
    const workspace = checkout()
    const run = await runAction({
      workspace,
      apiUrl: github.url,
      inputs: {
        'github-token': 'write-token',
        'sarif-file': 'out/aivss.sarif',
        'json-file': 'out/report.json',
        'cyclonedx-file': 'out/aivss.cdx.json',
      },
    })
    expect(run.code).toBe(1)
    expect(github.requests).toEqual([])
    expect(run.outputs).toEqual({
      result: 'fail',
      agents: '2',
      'max-score': expect.stringMatching(/^\d+\.\d$/),
      violations: expect.stringMatching(/^[1-9]\d*$/),
      report: join(workspace, 'out/report.json'),
      'comment-url': '',
    })
    const report = ReportSchema.parse(
      JSON.parse(readFileSync(run.outputs.report!, 'utf8')),
    )
    expect(report.policy?.result).toBe('fail')
    const sarif = JSON.parse(
      readFileSync(join(workspace, 'out/aivss.sarif'), 'utf8'),
    )
    expect(sarifErrors(sarif)).toEqual([])
    // Where the files came from, and never the runner's own paths.
    expect(sarif.runs[0].versionControlProvenance[0]).toMatchObject({
      repositoryUri: 'https://github.com/acme/agents',
      mappedTo: { uriBaseId: '%SRCROOT%' },
    })
    expect(JSON.stringify(sarif)).not.toContain(workspace)
    const bom = readFileSync(join(workspace, 'out/aivss.cdx.json'), 'utf8')
    expect(
      await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(
        bom,
      ),
    ).toBeNull()
    const names = (
      JSON.parse(bom) as { components: Array<{ name: string }> }
    ).components.map((c) => c.name)
    expect(names).toEqual(expect.arrayContaining(['risky', 'calm']))
    expect(run.summary).toMatch(/^## ❌ aivss-gate: policy failed/)
    expect(run.summary).toContain('| risky |')
    const error = run.annotations.find(
      (a) => a.level === 'error' && a.properties.file,
    )
    // On the line that causes it, as the report says.
    const line = report.policy?.violations.find(
      (v) => v.file === 'agents/risky.aivss.yml' && v.action === 'fail',
    )?.line
    expect(error?.properties).toMatchObject({
      file: 'agents/risky.aivss.yml',
      line: String(line),
      title: expect.stringMatching(/^aivss-gate: /),
    })
  })

  it('writes the JSON report under RUNNER_TEMP by default and scans path only', async () => {
    const workspace = checkout({
      'other/skip.aivss.yml': failingDescriptor('elsewhere'),
    })
    const run = await runAction({
      workspace,
      inputs: { path: 'agents', 'warn-only': 'true' },
    })
    expect(run.outputs.agents).toBe('2')
    expect(existsSync(run.outputs.report!)).toBe(true)
    expect(run.outputs.report).toMatch(/aivss-gate\/report\.json$/)
    const error = run.annotations.find(
      (a) => a.level === 'error' && a.properties.file,
    )
    expect(error?.properties.file).toBe('agents/risky.aivss.yml')
  })

  it('fails with what to fix on a bad input or a bad policy', async () => {
    const workspace = checkout({
      '.github/aivss-policy.yml': 'version: 1\nrules: [{ id: x }]\n',
    })
    const badInput = await runAction({
      workspace,
      inputs: { comment: 'sometimes' },
    })
    expect(badInput.code).toBe(1)
    expect(badInput.stdout).toContain(
      'input comment: must be one of auto, always, on-failure, on-change, never',
    )
    expect(badInput.summary).toMatch(/^## ❌ aivss-gate did not run/)
    const badPolicy = await runAction({ workspace })
    expect(badPolicy.code).toBe(1)
    expect(badPolicy.stdout).toMatch(
      /::error::aivss-gate: invalid policy \.github\/aivss-policy\.yml/,
    )
    const outside = await runAction({ workspace, inputs: { path: '../..' } })
    expect(outside.stdout).toContain(
      'input path: ../.. is outside the workspace',
    )
  })

  it('starts fast', async () => {
    const run = await runAction({ workspace: tempTree({}) })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    // Catches a bundle that does work at start-up (a scan of the runner,
    // a network wait), not a slow machine: bench has the figures.
    expect(run.ms).toBeLessThan(10_000)
  })
})

describe('dist/index.js compares a pull request with its base', () => {
  /** A clone whose head adds a shell tool to one agent and a new agent. */
  function pullRequestRepo(): { repo: string; base: string; head: string } {
    const repo = gitRepo({
      'agents/risky.aivss.yml': passingDescriptor('risky'),
      'agents/calm.aivss.yml': passingDescriptor('calm'),
    })
    const base = git(repo, 'rev-parse', 'HEAD')
    const head = commit(repo, {
      'agents/risky.aivss.yml': `${passingDescriptor('risky')}tools: [{ name: bash, kind: shell }]\n`,
      'agents/fresh.aivss.yml': failingDescriptor('fresh'),
    })
    return { repo, base, head }
  }

  function comparedRun(
    workspace: string,
    number: number,
    baseSha: string,
    inputs: Record<string, string> = {},
  ): Promise<ActionRun> {
    return runAction({
      workspace,
      event: pullRequestEvent(number, 'c0ffee'.padEnd(40, '0'), baseSha),
      apiUrl: github.url,
      inputs: {
        'github-token': 'write-token',
        'warn-only': 'true',
        'json-file': 'out/report.json',
        ...inputs,
      },
    })
  }

  it('scores the base commit and leads the comment and summary with the delta', async () => {
    const { repo, base } = pullRequestRepo()
    const number = ++pr
    const run = await comparedRun(repo, number, base)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(
      run.annotations.filter((a) => a.message.includes('comparison')),
    ).toEqual([])
    const report = ReportSchema.parse(
      JSON.parse(readFileSync(run.outputs.report!, 'utf8')),
    )
    expect(report.delta).toMatchObject({
      available: true,
      base: { kind: 'git', ref: 'main', sha: base },
      summary: '1 agent changed, 1 added; 1 unchanged',
      changed: [
        {
          id: 'agents/risky.aivss.yml#risky',
          tools: { added: [{ name: 'bash', kind: 'shell' }] },
        },
      ],
      added: [{ id: 'agents/fresh.aivss.yml#fresh' }],
      unchangedAgents: ['agents/calm.aivss.yml#calm'],
    })
    const [body] = postedBodies()
    const lines = body!.split('\n')
    // The comment leads with the change; the summary with the delta line.
    expect(lines[2]).toMatch(
      /^## ❌ aivss-gate: This pull request .* \(warn-only: not blocking\)$/,
    )
    expect(lines[4]).toBe(
      '| Change | Agent | Score | What changed | Findings |',
    )
    const rows = lines.filter((l) => l.startsWith('| '))
    expect(rows.some((r) => r.startsWith('| 🆕 added | **fresh**<br>'))).toBe(
      true,
    )
    expect(
      rows.some(
        (r) =>
          r.includes('| **risky**<br>') &&
          r.includes('now runs shell commands (`bash`)'),
      ),
    ).toBe(true)
    expect(body).toContain('1 agent unchanged')
    expect(body).not.toContain('calm')
    expect(run.summary.split('\n')[2]).toBe(
      `**1 agent changed, 1 added; 1 unchanged** · compared with base \`main\` (\`${base.slice(0, 12)}\`)`,
    )
    expect(git(repo, 'log', '--format=%H', '-1')).not.toBe(base)
  })

  it('fetches a base commit the clone lacks, at depth 1', async () => {
    const { repo: origin, base, head } = pullRequestRepo()
    const clone = join(tempTree({}), 'clone')
    git(origin, 'clone', '-q', '--depth', '1', `file://${origin}`, clone)
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(head)
    expect(() => git(clone, 'cat-file', '-e', `${base}^{commit}`)).toThrow()
    const run = await comparedRun(clone, ++pr, base)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain(`Fetching the base ${base} (depth 1)`)
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'))
    expect(report.delta.summary).toBe('1 agent changed, 1 added; 1 unchanged')
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(head)
  })

  it('falls back to the head alone, with one warning, when the base cannot be fetched', async () => {
    const { repo } = pullRequestRepo()
    const missing = 'deadbeef'.repeat(5)
    const number = ++pr
    const run = await comparedRun(repo, number, missing)
    expect(run.code).toBe(0)
    const warnings = run.annotations.filter((a) =>
      a.message.includes('no comparison with the base'),
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.level).toBe('warning')
    expect(warnings[0]!.message).toContain(
      `the base commit ${missing.slice(0, 12)} is not in the clone and could not be fetched`,
    )
    expect(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain('write-token')
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'))
    expect(report.delta).toMatchObject({
      available: false,
      base: { kind: 'git', ref: 'main', sha: missing },
      changed: [],
    })
    expect(report.summary.agents).toBe(3)
    const [body] = postedBodies()
    // The policy could not come from the base either: that notice leads.
    expect(body!.split('\n')[5]).toMatch(
      /^> The base commit could not be read \(.*\), so the policy could not be taken from it: judged by the stricter of/,
    )
    expect(body!.split('\n')[7]).toMatch(
      /^⚠️ \*\*No comparison with the base:\*\* the base commit deadbeefdead is not in the clone and could not be fetched \(.*\)\. This report covers the head only; ratchet rules did not match\.$/,
    )
    expect(run.summary).toContain('⚠️ **No comparison with the base:**')
  })

  it('compares with a baseline file, or not at all with base: none', async () => {
    const { repo, base } = pullRequestRepo()
    const recorded = bundledCli(['baseline', 'write', repo, '-o', '-'])
    writeFileSync(join(repo, 'baseline.json'), recorded.stdout)
    const fromFile = await comparedRun(repo, ++pr, base, {
      'baseline-file': 'baseline.json',
    })
    const report = JSON.parse(readFileSync(fromFile.outputs.report!, 'utf8'))
    expect(report.delta).toMatchObject({
      available: true,
      base: { kind: 'file', file: 'baseline.json' },
      summary: 'No agent changed; 3 unchanged',
    })
    // The default preset's ratchet rules ask for a base: none is reported.
    const off = await comparedRun(repo, ++pr, base, { base: 'none' })
    expect(
      JSON.parse(readFileSync(off.outputs.report!, 'utf8')).delta,
    ).toMatchObject({ available: false, added: [], changed: [] })
    const both = await comparedRun(repo, ++pr, base, {
      base: 'main',
      'baseline-file': 'baseline.json',
    })
    expect(both.code).toBe(1)
    expect(both.stdout).toContain(
      'inputs base and baseline-file both name what to compare with',
    )
  })

  it('fails only what the pull request made worse under a ratchet policy', async () => {
    const { repo, base } = pullRequestRepo()
    writeFileSync(
      join(repo, 'ratchet.yml'),
      'version: 1\nrules:\n  - { id: no-new-shell, when: { new-tools: [shell] }, action: fail }\n  - { id: new-high, when: { new: true, severity: { gte: high } }, action: fail }\n',
    )
    const run = await comparedRun(repo, ++pr, base, {
      policy: 'ratchet.yml',
      'warn-only': 'false',
    })
    expect(run.code).toBe(1)
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'))
    expect(
      report.policy.violations.map(
        (v: { rule: string; agent: string; message: string }) =>
          `${v.rule} ${v.agent}: ${v.message}`,
      ),
    ).toEqual([
      'new-high fresh: severity High >= High and new agent: not in the base',
      'no-new-shell risky: new tool shell (bash)',
    ])
  })
})
