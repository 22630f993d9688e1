import { describe, expect, it } from 'vitest'
import codex from '../../src/core/formats/codex-config/index.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/codex-config'
const PROJECT = `${DIR}/ours-project/.codex`

function agents(path: string): AgentProfile[] {
  const result = codex.parse(fixtureFile(path))
  expect(result.rejected).toBeUndefined()
  expect(result.problems).toEqual([])
  for (const agent of result.agents)
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return result.agents
}

function approvals(agent: AgentProfile): unknown[] {
  return agent.tools
    .filter((t) => t.source === 'builtin')
    .map((t) => [t.name, t.kind, t.requiresApproval])
}

describe('codex-config: paths', () => {
  it('claims the project config and custom agents', () => {
    expect(codex.matchPath('.codex/config.toml')).toBe('yes')
    expect(codex.matchPath('svc/.codex/config.toml')).toBe('yes')
    expect(codex.matchPath('.codex/agents/reviewer.toml')).toBe('yes')
    expect(codex.matchPath('config.toml')).toBe('no')
    expect(codex.matchPath('.codex/roles/scribe.toml')).toBe('no')
    expect(codex.matchPath('pyproject.toml')).toBe('no')
  })
})

describe('codex-config: our fixtures', () => {
  const list = agents(`${PROJECT}/config.toml`)

  it('gives Codex, one profile per [profiles] entry and the sub-agents it cannot find elsewhere', () => {
    expect(list.map((a) => [a.name, a.source.line, a.parent])).toEqual([
      ['Codex', 1, undefined],
      ['Codex (profile yolo)', 40, undefined],
      ['Codex (profile careful)', 44, undefined],
      ['scribe', 36, 'Codex'],
    ])
  })

  it('reads on-request with a workspace-write sandbox', () => {
    const main = list[0]!
    expect(approvals(main)).toEqual([
      ['shell', 'shell', false],
      ['apply_patch', 'file-write', false],
      ['spawn_agent', 'agent-call', undefined],
    ])
    expect(main).toMatchObject({
      model: { name: 'gpt-5-codex', provider: 'openai' },
      autonomy: { permissionMode: 'on-request', planning: true },
      controls: { sandbox: true, humanApproval: false },
      subAgents: ['reviewer', 'scribe'],
      delegation: { canDelegate: true },
      exposure: { reach: 'local' },
      evidence: {
        model: 2,
        autonomy: 3,
        'controls.humanApproval': 4,
        'controls.sandbox': 5,
        subAgents: 32,
      },
    })
    expect(main.notes).toEqual(
      expect.arrayContaining([
        'Codex always has a shell and edits files with apply_patch',
        'sandbox_workspace_write.network_access: sandboxed commands may reach the network',
        'it may also write to /tmp/build-cache',
        'approval_policy on-request: commands inside the sandbox run without asking',
        'MCP server old is disabled',
        'sub-agents may start sub-agents of their own (max_depth 2)',
      ]),
    )
  })

  it('reads MCP servers with their credentials by name', () => {
    const main = list[0]!
    expect(
      main.tools
        .filter((t) => t.source === 'mcp')
        .map((t) => [t.name, t.kind, t.line]),
    ).toEqual([
      ['github', 'cloud-admin', 14],
      ['docs', 'search', 18],
    ])
    expect(main.tools.find((t) => t.name === 'github')?.server).toMatchObject({
      transport: 'http',
      url: 'https://api.githubcopilot.com/mcp/',
    })
    expect(main.identity.credentials).toEqual([
      'GITHUB_PAT',
      'CONTEXT7_API_KEY',
    ])
    expect(main.notes.join('\n')).not.toMatch(
      /github is remote .* no authentication/,
    )
  })

  it('reads the profiles on top of the top-level settings', () => {
    const yolo = list[1]!
    expect(yolo).toMatchObject({
      autonomy: { permissionMode: 'never' },
      controls: { sandbox: false, humanApproval: false },
      evidence: { 'controls.humanApproval': 41, 'controls.sandbox': 42 },
    })
    expect(yolo.notes).toContain(
      'sandbox_mode danger-full-access: commands run with no sandbox, with full disk and network access',
    )
    const careful = list[2]!
    expect(approvals(careful).slice(0, 2)).toEqual([
      ['shell', 'shell', true],
      ['apply_patch', 'file-write', true],
    ])
    expect(careful).toMatchObject({
      autonomy: { permissionMode: 'untrusted' },
      controls: { sandbox: true, humanApproval: true },
    })
    expect(careful.autonomy.planning).toBeUndefined()
  })

  it('reads a sub-agent whose role file is outside .codex/agents', () => {
    const scribe = list[3]!
    expect(scribe).toMatchObject({
      description: 'Writes release notes',
      instructions: 'Write release notes from the merged pull requests.',
      controls: { sandbox: true },
    })
    expect(scribe.notes).toContain(
      `sandbox_mode workspace-write comes from ${PROJECT}/roles/scribe.toml`,
    )
  })

  it('reads a custom agent file under the name its [agents] entry gives it', () => {
    const [reviewer] = agents(`${PROJECT}/agents/reviewer.toml`)
    expect(reviewer).toMatchObject({
      name: 'reviewer',
      parent: 'Codex',
      source: { line: 2 },
      description: 'Reviews changes for bugs and missing tests',
      autonomy: { permissionMode: 'on-request' },
      controls: { sandbox: true, humanApproval: true },
      evidence: { 'controls.sandbox': 5, instructions: 6, tools: 12 },
    })
    expect(reviewer!.instructions).toMatch(/^You review the current diff\./)
    expect(
      reviewer!.tools
        .filter((t) => t.source === 'mcp')
        .map((t) => [t.name, t.line]),
    ).toEqual([
      ['github', undefined],
      ['docs', undefined],
      ['tracker', 12],
    ])
    expect(reviewer!.identity.credentials).toContain('TRACKER_TOKEN')
    expect(reviewer!.notes).toEqual(
      expect.arrayContaining([
        `approval_policy on-request comes from ${PROJECT}/config.toml`,
        'approval_policy on-request with a read-only sandbox: every change asks first',
        'Codex calls it reviewer (its [agents] entry), not code_reviewer',
      ]),
    )
  })

  it('reads the hands-off setup', () => {
    const [main] = agents(`${DIR}/ours-danger/.codex/config.toml`)
    expect(main).toMatchObject({
      name: 'Codex',
      model: { provider: 'openai', unresolved: true },
      autonomy: { permissionMode: 'never' },
      controls: { sandbox: false, humanApproval: false },
      identity: { credentials: ['AZURE_OPENAI_API_KEY'] },
      evidence: { autonomy: 3, 'controls.sandbox': 4, identity: 13 },
    })
    expect(main!.tools.map((t) => t.name)).toEqual([
      'shell',
      'apply_patch',
      'web_search',
    ])
    expect(main!.notes).toEqual(
      expect.arrayContaining([
        'approval_policy never: Codex never stops to ask',
        'shell_environment_policy inherit = "all": commands see every environment variable',
        'the project /home/dev/app is marked trusted',
      ]),
    )
  })

  it("applies Codex's documented defaults, cited, when the file is silent", () => {
    const result = codex.parse(textFile('.codex/config.toml', 'model = "o3"\n'))
    const main = result.agents[0]!
    // workspace-write sandbox, on-request: commands in the sandbox run unasked.
    expect(main.controls).toEqual({ sandbox: true, humanApproval: false })
    expect(main.evidence['controls.sandbox']).toBeUndefined()
    expect(main.defaults).toEqual({
      'controls.sandbox':
        'host default: Codex runs commands in its workspace-write sandbox',
      'controls.humanApproval':
        'host default: Codex approval_policy on-request runs commands inside the sandbox without asking',
    })
    expect(main.tools.map((t) => [t.name, t.requiresApproval])).toEqual([
      ['shell', false],
      ['apply_patch', false],
    ])
    expect(main.notes.join('\n')).toMatch(/approval_policy not set/)
  })

  it('asks before every change by default when the sandbox is read-only', () => {
    const result = codex.parse(
      textFile('.codex/config.toml', 'sandbox_mode = "read-only"\n'),
    )
    const main = result.agents[0]!
    expect(main.controls).toEqual({ sandbox: true, humanApproval: true })
    expect(main.tools[0]?.approvalSource).toMatch(/read-only sandbox asks/)
  })

  it('reports broken TOML with its file and line, and unknown values as warnings', () => {
    const path = `${DIR}/ours-broken/.codex/config.toml`
    const broken = codex.parse(fixtureFile(path))
    expect(broken.agents).toEqual([])
    expect(broken.problems).toMatchObject([
      {
        file: path,
        line: 2,
        level: 'error',
        message: expect.stringMatching(/^invalid TOML/),
      },
    ])
    const odd = codex.parse(
      textFile(
        '.codex/config.toml',
        'approval_policy = "sometimes"\nsandbox_mode = "box"\nprofile = "missing"\n',
      ),
    )
    expect(odd.problems.map((p) => [p.field, p.line, p.level])).toEqual([
      ['profile', 3, 'warning'],
      ['sandbox_mode', 2, 'warning'],
      ['approval_policy', 1, 'warning'],
    ])
  })
})

describe('codex-config: keys the file chooses', () => {
  it('warns about profile = "__proto__" in a file without [profiles]', () => {
    const result = codex.parse(
      textFile('.codex/config.toml', 'profile = "__proto__"\nmodel = "o3"\n'),
    )
    expect(result.problems).toMatchObject([
      { field: 'profile', level: 'warning', line: 1 },
    ])
    expect(result.agents[0]?.notes).not.toContain(
      'profile = "__proto__": its settings are the default',
    )
  })
})
