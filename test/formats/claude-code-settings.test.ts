import { describe, expect, it } from 'vitest'
import settings from '../../src/core/formats/claude-code-settings/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/claude-code-settings'
const CORPUS = `${DIR}/Isaqdn03__claude-code-hooks-mastery__.claude_settings.json`

function claims(path: string, text: string): boolean {
  const candidacy = settings.matchPath(path)
  return (
    candidacy === 'yes' ||
    (candidacy === 'maybe' &&
      (settings.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

describe('claude-code-settings: paths', () => {
  it('claims the settings files of .claude/', () => {
    expect(settings.matchPath('.claude/settings.json')).toBe('yes')
    expect(settings.matchPath('apps/api/.claude/settings.local.json')).toBe(
      'yes',
    )
    expect(settings.matchPath('.vscode/settings.json')).toBe('maybe')
    expect(settings.matchPath('.claude/config.json')).toBe('no')
    expect(settings.matchPath('package.json')).toBe('no')
  })

  it('claims the corpus file under its flattened name', () => {
    const file = fixtureFile(CORPUS)
    expect(settings.matchPath(file.path)).toBe('maybe')
    expect(claims(file.path, file.text)).toBe(true)
  })

  it('does not sniff other settings files', () => {
    for (const name of [
      'ours-decoys/.vscode/settings.json',
      'ours-decoys/app/settings.json',
    ]) {
      const file = fixtureFile(`${DIR}/${name}`)
      expect(claims(file.path, file.text)).toBe(false)
    }
    const app = settings.parse(
      fixtureFile(`${DIR}/ours-decoys/app/settings.json`),
    )
    expect(app.rejected).toMatch(
      /without Claude Code permission rules or hooks/,
    )
  })
})

describe('claude-code-settings: corpus', () => {
  it('reads allow rules and hooks into one Claude Code profile', () => {
    const result = settings.parse(fixtureFile(CORPUS))
    expect(result.problems).toEqual([])
    expect(result.agents).toHaveLength(1)
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(agent).toMatchObject({
      name: 'Claude Code',
      format: 'claude-code-settings',
      source: { file: CORPUS, line: 1 },
      allTools: true,
      exposure: { reach: 'local' },
      triggers: ['chat'],
      controls: { allowlists: true, guardrails: true, logging: true },
      evidence: {
        'controls.allowlists': 3,
        'controls.guardrails': 68,
        'controls.logging': 89,
      },
    })
    expect(agent.tools).toHaveLength(14)
    expect(agent.tools.every((t) => t.requiresApproval === false)).toBe(true)
    expect(agent.tools.find((t) => t.name === 'Bash(curl:*)')).toMatchObject({
      kind: 'shell',
      line: 16,
      description: 'only curl:*',
    })
    expect(agent.tools.find((t) => t.name === 'Bash(ls:*)')?.readOnly).toBe(
      true,
    )
    expect(
      agent.tools.find((t) => t.name === 'Bash(npm:*)')?.readOnly,
    ).toBeUndefined()
    expect(agent.tools.find((t) => t.name === 'Write')).toMatchObject({
      kind: 'file-write',
      line: 12,
    })
    // No defaultMode: the user's own mode applies.
    expect(agent.controls.humanApproval).toBeUndefined()
    expect(agent.autonomy.permissionMode).toBeUndefined()
    expect(agent.notes.join('\n')).toMatch(/9 hooks on PreToolUse, PostToolUse/)
  })
})

describe('claude-code-settings: our fixtures', () => {
  it('reads ask and deny rules, bypassPermissions, .mcp.json servers, env and sandbox', () => {
    const path = `${DIR}/ours-project/.claude/settings.local.json`
    const result = settings.parse(fixtureFile(path))
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(
      agent.tools.map((t) => [t.name, t.kind, t.requiresApproval]),
    ).toEqual([
      ['Bash(git status:*)', 'shell', false],
      ['Bash(npm run test:*)', 'shell', false],
      ['mcp__github__get_issue', 'network', false],
      ['Bash(git push:*)', 'shell', true],
      ['WebFetch', 'network', true],
      ['github', 'cloud-admin', false],
    ])
    expect(agent).toMatchObject({
      name: 'Claude Code (local settings)',
      model: { name: 'opus', unresolved: true },
      autonomy: { permissionMode: 'bypassPermissions' },
      controls: {
        humanApproval: false,
        allowlists: true,
        sandbox: true,
        guardrails: true,
        logging: true,
      },
      evidence: {
        'controls.humanApproval': 9,
        'controls.sandbox': 19,
        'controls.guardrails': 25,
        'controls.logging': 28,
      },
    })
    expect(agent.identity.credentials).toContain('GITHUB_TOKEN')
    expect(agent.identity.credentials).not.toContain('NODE_ENV')
    expect(JSON.stringify(agent)).not.toContain('ghp_do_not_commit')
    expect(agent.tools.some((t) => t.name === 'scratch')).toBe(false)
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'refused: Read(./.env), Bash(rm -rf:*)',
        'it also reaches directories outside the project: ../shared-config',
        'enableAllProjectMcpServers: every server in .mcp.json starts without asking',
        'commands run outside the sandbox: docker',
      ]),
    )
  })

  it('reads plan mode as a stated approval', () => {
    const agent = settings.parse(
      fixtureFile(`${DIR}/ours-project/.claude/settings.json`),
    ).agents[0]!
    expect(agent).toMatchObject({
      name: 'Claude Code',
      controls: { humanApproval: true },
      autonomy: { permissionMode: 'plan', planning: true },
    })
    expect(agent.notes).toContain('refused: WebFetch')
  })

  it('reports broken JSON with its file and line', () => {
    const path = `${DIR}/ours-decoys/broken-settings.json`
    const result = settings.parse(fixtureFile(path))
    expect(result.agents).toEqual([])
    expect(result.problems).toMatchObject([
      {
        file: path,
        line: 4,
        level: 'error',
        message: expect.stringMatching(/^invalid JSON/),
      },
    ])
  })

  it('warns about an unknown defaultMode and a non-object file', () => {
    const mode = settings.parse(
      textFile(
        '.claude/settings.json',
        '{\n  "permissions": {\n    "defaultMode": "yolo"\n  }\n}\n',
      ),
    )
    expect(mode.problems).toMatchObject([
      { field: 'permissions.defaultMode', line: 3, level: 'warning' },
    ])
    // An unknown mode changes nothing: Claude Code's defaults ask.
    expect(mode.agents[0]?.controls.humanApproval).toBe(true)
    expect(mode.agents[0]?.defaults?.['controls.humanApproval']).toMatch(
      /^host default: Claude Code asks/,
    )
    const list = settings.parse(textFile('.claude/settings.json', '[1, 2]'))
    expect(list.problems).toMatchObject([{ line: 1, level: 'error' }])
  })
})
