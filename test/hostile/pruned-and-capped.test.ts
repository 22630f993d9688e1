import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import { FIXTURES } from '../support/files.js'
import { commit, gitMove } from '../support/git.js'
import {
  baseRepo,
  CRITICAL_DESCRIPTOR,
  PLAIN_AGENT,
  scanReport,
} from '../support/plain-agents.js'

/**
 * An agent must not vanish by being moved into a directory the scan prunes
 * by default (`node_modules`, `vendor`, `.venv`, `target`, `out`, `.cache`,
 * ...) at a path its format still claims, nor by being pushed past one of
 * the reader's caps (1,000 agents a file, 256 sibling files a manifest).
 * Each case is a base whose plain agent fails the default preset, and a
 * pull request that tries to make it pass: strict must still fail, and the
 * change-scoped default must still report its failures.
 */

const MCP_CONFIG = `${JSON.stringify(
  {
    mcpServers: {
      shell: { command: 'bash', args: ['-c', 'mcp-shell-server'] },
      files: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/'],
      },
      commands: { command: 'npx', args: ['-y', 'mcp-server-commands'] },
    },
  },
  null,
  2,
)}\n`

const COPILOT_AGENT = readFileSync(
  join(
    FIXTURES,
    'formats/copilot-agent/ours-repo/.github/agents/deployer.agent.md',
  ),
  'utf8',
)
const A2A_CARD = readFileSync(
  join(
    FIXTURES,
    'formats/a2a-agent-card/ours-signed/.well-known/agent-card.json',
  ),
  'utf8',
)

/**
 * strict (every agent judged) still fails; the change-scoped default still
 * lists the plain agent's failing findings, as pre-existing when the pull
 * request did not make it worse: neither lets it vanish.
 */
function expectFails(base: string, repo: string): Report {
  const strict = scanReport(repo, 'strict', base)
  expect(strict.code, 'strict').toBe(1)
  const { report } = scanReport(repo, 'default', base)
  expect(
    report.policy?.violations.some((v) => v.action === 'fail'),
    'default',
  ).toBe(true)
  return strict.report
}

describe('an agent moved into a pruned directory', () => {
  const manifests: ReadonlyArray<readonly [string, string]> = [
    ['.claude/agents/deployer.md', PLAIN_AGENT],
    ['.github/agents/deployer.agent.md', COPILOT_AGENT],
    ['.mcp.json', MCP_CONFIG],
    ['.vscode/mcp.json', MCP_CONFIG],
    ['.well-known/agent-card.json', A2A_CARD],
    ['agents/legacy.aivss.yml', CRITICAL_DESCRIPTOR],
  ]
  const moves: ReadonlyArray<readonly [string, (path: string) => string]> = [
    ['under .venv/', (p) => `.venv/${p}`],
    ['under target/', (p) => `target/${p}`],
    ['under node_modules/pkg/', (p) => `node_modules/pkg/${p}`],
    ['under vendor/ in a sub-project', (p) => `services/api/vendor/${p}`],
    ['under .cache/', (p) => `.cache/${p}`],
    ['under out/', (p) => `out/${p}`],
  ]
  for (const [path, text] of manifests)
    for (const [where, to] of moves)
      it(`${path} ${where}`, () => {
        const { repo, base } = baseRepo({ [path]: text })
        expect(scanReport(repo, 'default').code).toBe(1)
        gitMove(repo, path, to(path))
        commit(repo, {})
        const report = expectFails(base, repo)
        expect(report.agents.map((a) => a.file)).toContain(to(path))
      })

  it('still prunes what is not committed, and generic names, inside those directories', () => {
    const { repo, base } = baseRepo({
      'vendor/.claude/agents/deployer.md': PLAIN_AGENT,
      'vendor/lib/notes.md': '# notes\n',
      'vendor/lib/config.json': '{"name": "x"}\n',
    })
    const { report } = scanReport(repo, 'default', base)
    expect(report.agents.map((a) => a.file)).toEqual([
      'vendor/.claude/agents/deployer.md',
    ])
    // The README beside them, and the one committed manifest.
    expect(report.summary.filesConsidered).toBe(2)
  })
})

describe('an agent whose path changes case', () => {
  // macOS and Windows check out onto case-insensitive file systems, where
  // the host loads these paths as the lower-case ones.
  const renames: ReadonlyArray<readonly [string, string, string]> = [
    ['.claude/agents/deployer.md', '.Claude/Agents/Deployer.md', PLAIN_AGENT],
    [
      '.github/agents/deployer.agent.md',
      '.GitHub/Agents/deployer.Agent.md',
      COPILOT_AGENT,
    ],
    ['.vscode/mcp.json', '.VSCode/MCP.json', MCP_CONFIG],
    ['.well-known/agent-card.json', '.Well-Known/Agent-Card.json', A2A_CARD],
  ]
  for (const [from, to, text] of renames)
    it(`${from} renamed to ${to}`, () => {
      const { repo, base } = baseRepo({ [from]: text })
      expect(scanReport(repo, 'default').code).toBe(1)
      gitMove(repo, from, to)
      commit(repo, {})
      const report = expectFails(base, repo)
      expect(report.agents.map((a) => a.file)).toContain(to)
    })
})

const descriptorAgent = (name: string, risky: boolean): string =>
  risky
    ? `  - name: ${name}
    description: Runs month-end scripts.
    tools: [{ name: bash, kind: shell }, { name: run_python, kind: code-exec }, { name: wire_money, kind: payment }]
    allTools: true
    memory: { kind: persistent, writable: true }
    delegation: { canDelegate: true, dynamic: true }
    identity: { kind: dynamic, credentials: [AWS_SECRET_ACCESS_KEY] }
    exposure: { reach: public, untrustedInput: true }
    autonomy: { codeExecution: true, selfEditing: true, planning: true }
    controls: { guardrails: false, humanApproval: false, sandbox: false }
`
    : `  - name: ${name}
    description: Reads the docs.
`

describe('an agent pushed past the reader caps', () => {
  it('a descriptor that the pull request grows past 1,000 agents, the risky one last', () => {
    const { repo, base } = baseRepo({
      'agents/fleet.aivss.yml': `agents:\n${descriptorAgent('legacy', true)}`,
    })
    expect(scanReport(repo, 'default').code).toBe(1)
    const filler = Array.from({ length: 1000 }, (_, i) =>
      descriptorAgent(`reader-${i}`, false),
    ).join('')
    commit(repo, {
      'agents/fleet.aivss.yml': `agents:\n${filler}${descriptorAgent('legacy', true)}`,
    })
    const report = expectFails(base, repo)
    expect(report.agents.find((a) => a.name === 'legacy')).toBeUndefined()
    const failed = (report.policy?.violations ?? []).filter(
      (v) => v.action === 'fail' && v.file === 'agents/fleet.aivss.yml',
    )
    expect(failed.map((v) => v.rule)).toContain('manifest-errors')
  })

  it('a plugin whose pull request names 256 decoy files before its real servers', () => {
    const plugin = (servers: string | string[]) =>
      JSON.stringify({
        name: 'ops',
        description: 'Ops tools.',
        mcpServers: servers,
      })
    const { repo, base } = baseRepo({
      '.claude-plugin/plugin.json': plugin('./config/servers.conf'),
      'config/servers.conf': MCP_CONFIG,
    })
    expect(scanReport(repo, 'default').code).toBe(1)
    const decoys: Record<string, string> = {}
    for (let i = 0; i < 256; i++)
      decoys[`config/decoy-${i}.conf`] = '{"mcpServers": {}}\n'
    commit(repo, {
      ...decoys,
      '.claude-plugin/plugin.json': plugin([
        ...Object.keys(decoys).map((p) => `./${p}`),
        './config/servers.conf',
      ]),
    })
    const report = expectFails(base, repo)
    expect(
      (report.policy?.violations ?? []).some(
        (v) =>
          v.rule === 'manifest-errors' &&
          v.action === 'fail' &&
          v.file === '.claude-plugin/plugin.json',
      ),
    ).toBe(true)
  })

  it('a new file of 1,001 agents fails the default preset', () => {
    const { repo, base } = baseRepo({
      'agents/ops.aivss.yml': CRITICAL_DESCRIPTOR,
    })
    const filler = Array.from({ length: 1001 }, (_, i) =>
      descriptorAgent(`reader-${i}`, false),
    ).join('')
    commit(repo, { 'agents/more.aivss.yml': `agents:\n${filler}` })
    const { code, report } = scanReport(repo, 'default', base)
    expect(code).toBe(1)
    expect(
      (report.policy?.violations ?? []).some(
        (v) =>
          v.rule === 'manifest-errors' &&
          v.action === 'fail' &&
          v.file === 'agents/more.aivss.yml',
      ),
    ).toBe(true)
  })
})

describe('an agent whose tool list is left open', () => {
  // No `tools` line (or `*`) gives the agent every tool of its host: more
  // than the shell, write and fetch tools it named on the base.
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    [
      'a Claude Code subagent that drops its tools line',
      '.claude/agents/deployer.md',
      PLAIN_AGENT,
    ],
    [
      'a Copilot agent that drops its tools line',
      '.github/agents/deployer.agent.md',
      COPILOT_AGENT,
    ],
  ]
  for (const [what, path, text] of cases)
    for (const open of ['', 'tools:\n', 'tools: "*"\n'])
      it(`${what} (${JSON.stringify(open)})`, () => {
        const { repo, base } = baseRepo({ [path]: text })
        expect(scanReport(repo, 'default').code).toBe(1)
        commit(repo, { [path]: text.replace(/^tools:.*\n/m, open) })
        const report = expectFails(base, repo)
        const agent = report.agents.find((a) => a.file === path)
        expect(agent?.allTools).toBe(true)
        expect(agent?.severity).toBe('critical')
      })
})

describe('front matter the strict parser refuses, with tools through an alias', () => {
  it('reads the aliased tools, so the agent stays Critical', () => {
    const { repo, base } = baseRepo({
      '.claude/agents/deployer.md': PLAIN_AGENT,
    })
    commit(repo, {
      '.claude/agents/deployer.md': PLAIN_AGENT.replace(
        /^description: .*\n^tools: .*\n/m,
        'description: Note: deploys the services\nkit: &kit Bash, Write, WebFetch\ntools: *kit\n',
      ),
    })
    const report = expectFails(base, repo)
    const agent = report.agents.find((a) => a.name === 'deployer')
    expect(agent?.tools.map((t) => t.name)).toEqual([
      'Bash',
      'Write',
      'WebFetch',
    ])
  })
})

describe('a Copilot tools line the strict parser refuses', () => {
  const tools = /^tools: (.*)$/m.exec(COPILOT_AGENT)?.[1] ?? ''
  const variants: ReadonlyArray<readonly [string, string]> = [
    [
      'a trailing comment after the list, beside a colon in the description',
      COPILOT_AGENT.replace(
        /^description: .*$/m,
        'description: Note: ships approved releases',
      ).replace(/^tools: .*$/m, `tools: ${tools} # core tools`),
    ],
    [
      'a list never closed',
      COPILOT_AGENT.replace(/^tools: .*$/m, `tools: ${tools.slice(0, -1)}`),
    ],
  ]
  for (const [what, text] of variants)
    it(what, () => {
      const path = '.github/agents/deployer.agent.md'
      const { repo, base } = baseRepo({ [path]: COPILOT_AGENT })
      commit(repo, { [path]: text })
      const report = expectFails(base, repo)
      const agent = report.agents.find((a) => a.file === path)
      expect(agent?.tools.map((t) => t.name)).toEqual(
        expect.arrayContaining(['execute', 'edit']),
      )
    })
})
