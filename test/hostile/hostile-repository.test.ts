import { execFileSync, spawnSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import { REPO } from '../support/files.js'

/**
 * A repository written to hurt the scanner, scanned by the bundle exactly as
 * CI runs it. Beside the workspace lies a directory the scan must never read:
 * its files hold a marker that must not appear in the report, and its traps
 * are named pipes, which block forever if anything opens them, so a read
 * outside the workspace hangs the run and the timeout below catches it.
 */

const SECRET = 'OUTSIDE-THE-WORKSPACE'
const MANY = 10_000
const WIDE = 75_000

let base: string
let workspace: string
let run: { code: number | null; signal: string | null; ms: number }
let report: Report
let messages: Map<string, string>

function write(path: string, text: string | Buffer): void {
  mkdirSync(dirname(join(workspace, path)), { recursive: true })
  writeFileSync(join(workspace, path), text)
}

function fifo(path: string): void {
  mkdirSync(dirname(path), { recursive: true })
  execFileSync('mkfifo', [path])
}

function buildHostileRepository(): void {
  base = mkdtempSync(join(tmpdir(), 'aivss-hostile-'))
  workspace = join(base, 'ws')
  const outside = join(base, 'outside')
  mkdirSync(outside, { recursive: true })
  writeFileSync(
    join(outside, 'secret.aivss.yml'),
    `name: ${SECRET}\ntools: [{ name: shell, kind: shell }]\n`,
  )
  fifo(join(outside, 'trap.yaml'))
  fifo(join(outside, 'SOUL.md'))
  fifo(join(outside, 'tasks.yaml'))

  // Size, encoding and structure.
  write('agents/huge.aivss.yml', 'name: huge\n')
  truncateSync(join(workspace, 'agents/huge.aivss.yml'), 100 * 1024 * 1024)
  write('agents/binary.aivss.yml', Buffer.from([0x6e, 0x61, 0, 1, 2, 0xff]))
  write('agents/latin1.aivss.yml', Buffer.from('name: caf\xe9\n', 'latin1'))
  write(
    'agents/bomb.aivss.yml',
    [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefg'
        .split('')
        .map(
          (l, i) =>
            `${l}: &${l} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`,
        ),
      'name: bomb',
    ].join('\n'),
  )
  write('agents/deep.aivss.yml', `name: deep\nx: ${'['.repeat(200_000)}\n`)
  write(
    'agents/deep.aivss.json',
    `{"name": "deep", "x": ${'['.repeat(500_000)}${']'.repeat(500_000)}}`,
  )
  write(
    'agents/.mcp.json',
    '{"mcpServers": {"__proto__": {"command": "sh"}, "constructor": {"command": "bash"}, "prototype": {"command": "node"}}}',
  )

  // Links and special files: never followed, never opened.
  symlinkSync(
    join(outside, 'secret.aivss.yml'),
    join(workspace, 'agents/link.aivss.yml'),
  )
  symlinkSync(outside, join(workspace, 'agents/outside-dir'))
  mkdirSync(join(workspace, 'loop'))
  symlinkSync('.', join(workspace, 'loop/self'))
  symlinkSync('..', join(workspace, 'loop/parent'))
  fifo(join(workspace, 'agents/pipe.aivss.yml'))

  // Manifests that name files outside the workspace.
  write(
    'adk/root_agent.yaml',
    [
      'name: root',
      'agent_class: LlmAgent',
      'model: gemini-2.0-flash',
      'instruction: Route requests.',
      'sub_agents:',
      '  - config_path: ../../outside/trap.yaml',
      `  - config_path: ${join(outside, 'trap.yaml')}`,
    ].join('\n'),
  )
  write('crew/config/agents.yaml', 'analyst:\n  role: Analyst\n  goal: g\n')
  symlinkSync(
    join(outside, 'tasks.yaml'),
    join(workspace, 'crew/config/tasks.yaml'),
  )
  write('gitagent/agent.yaml', 'spec_version: "0.1.0"\nname: g\n')
  symlinkSync(join(outside, 'SOUL.md'), join(workspace, 'gitagent/SOUL.md'))

  // Text that tries to become markup, pings or links in the report.
  write(
    'agents/inject.aivss.yml',
    [
      'name: "<img src=x onerror=alert(1)> @org/security [x](https://evil.example) | a | </details>"',
      'description: "<script>alert(1)</script> @everyone ![t](https://evil.example/t.png)"',
      'tools: [{ name: "run | shell <b>", kind: shell }]',
    ].join('\n'),
  )

  // A policy whose globs would backtrack as regular expressions.
  write(
    '.github/aivss-policy.yml',
    [
      'version: 1',
      'extends: default',
      'scan:',
      `  exclude: ["${'*a'.repeat(40)}b", "+(a|aa)+(a|aa)+(a|aa)+(a|aa)c"]`,
      'rules:',
      '  - id: slow-glob',
      `    when: { paths: ["**/${'*a'.repeat(40)}b"] }`,
      '    action: warn',
    ].join('\n'),
  )
  // Files as wide as the size cap allows: many entries for the formats to
  // look up one by one, and many agents to score.
  const servers = Array.from(
    { length: WIDE },
    (_, i) => `"s${i}":{"command":"x"}`,
  )
  write('wide/.mcp.json', `{"mcpServers":{${servers.join(',')}}}`)
  const agents = Array.from({ length: WIDE }, (_, i) => `  - name: w${i}\n`)
  write('wide/team.aivss.yml', `agents:\n${agents.join('')}`)

  write(`many/${'a'.repeat(200)}.aivss.yml`, 'name: long-name\n')
  for (let i = 0; i < MANY; i++) {
    write(`many/agent-${i}.aivss.yml`, `name: many-${i}\ntools: [search]\n`)
  }
}

beforeAll(() => {
  buildHostileRepository()
  const started = performance.now()
  const result = spawnSync(
    process.execPath,
    [join(REPO, 'dist/cli.js'), 'scan', '.', '--format', 'json'],
    {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 512 * 1024 * 1024,
    },
  )
  run = {
    code: result.status,
    signal: result.signal,
    ms: performance.now() - started,
  }
  console.log(`hostile repository scanned in ${Math.round(run.ms)} ms`)
  report = JSON.parse(result.stdout) as Report
  messages = new Map(report.errors.map((e) => [e.file, e.message]))
}, 120_000)

describe('a hostile repository, scanned by the bundle', () => {
  it('ends, with the exit status the policy gives', () => {
    expect(run.signal).toBeNull()
    expect(run.code).toBe(report.policy?.result === 'fail' ? 1 : 0)
  })

  it('never reads outside the workspace', () => {
    expect(JSON.stringify(report)).not.toContain(SECRET)
    expect(messages.get('agents/link.aivss.yml')).toMatch(
      /^(skipped|unreadable manifest): symbolic link: not followed$/,
    )
  })

  it('names every file it skipped, and why', () => {
    expect(messages.get('agents/huge.aivss.yml')).toMatch(
      /100\.0 MiB is over the 2\.0 MiB size cap/,
    )
    expect(messages.get('agents/binary.aivss.yml')).toMatch(/binary content/)
    expect(messages.get('agents/latin1.aivss.yml')).toMatch(/not valid UTF-8/)
    expect(messages.get('agents/bomb.aivss.yml')).toMatch(/alias/i)
    expect(messages.get('agents/deep.aivss.yml')).toMatch(/nested more than/)
    expect(messages.get('agents/deep.aivss.json')).toMatch(/nested more than/)
    expect(messages.get('agents/pipe.aivss.yml')).toMatch(
      /not a regular file \(named pipe\)/,
    )
  })

  it('reads keys such as __proto__ as plain names', () => {
    const host = report.agents.find((a) => a.file === 'agents/.mcp.json')
    expect(host?.tools.map((t) => t.name).sort()).toEqual([
      '__proto__',
      'constructor',
      'prototype',
    ])
  })

  it('stays linear on files as wide as the size cap allows', () => {
    const host = report.agents.find((a) => a.file === 'wide/.mcp.json')
    expect(host?.tools).toHaveLength(WIDE)
    expect(messages.get('wide/team.aivss.yml')).toBe(
      `declares ${WIDE} agents; only the first 1000 are scored`,
    )
  })

  it('scores every one of ten thousand manifests in one directory', () => {
    const many = report.agents.filter((a) => a.file.startsWith('many/'))
    expect(many).toHaveLength(MANY + 1)
  })

  it('applies globs that would backtrack, as globs', () => {
    expect(report.summary.agents).toBeGreaterThan(MANY)
    const slow = (report.policy?.violations ?? []).filter(
      (v) => v.rule === 'slow-glob',
    )
    expect(slow).toEqual([])
  })
})
