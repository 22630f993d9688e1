import { describe, expect, it } from 'vitest'
import subagent from '../../src/core/formats/claude-code-subagent/index.js'
import { LENIENT_FRONT_MATTER_NOTE } from '../../src/core/manifest/front-matter.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/claude-code-subagent'

function claims(path: string, text: string): boolean {
  const candidacy = subagent.matchPath(path)
  return (
    candidacy === 'yes' ||
    (candidacy === 'maybe' &&
      (subagent.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

function only(
  path: string,
): ReturnType<typeof subagent.parse>['agents'][number] {
  const result = subagent.parse(fixtureFile(path))
  expect(result.rejected).toBeUndefined()
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

describe('claude-code-subagent: paths', () => {
  it('claims .claude/agents at any depth and leaves other harnesses alone', () => {
    expect(subagent.matchPath('.claude/agents/reviewer.md')).toBe('yes')
    expect(subagent.matchPath('apps/web/.claude/agents/team/lead.md')).toBe(
      'yes',
    )
    expect(subagent.matchPath('plugins/x/agents/helper.md')).toBe('maybe')
    expect(subagent.matchPath('docs/guide.md')).toBe('maybe')
    expect(subagent.matchPath('.github/agents/x.md')).toBe('no')
    expect(subagent.matchPath('agents/x.agent.md')).toBe('no')
    expect(subagent.matchPath('.github/chatmodes/plan.chatmode.md')).toBe('no')
    expect(subagent.matchPath('.opencode/agent/x.md')).toBe('no')
    expect(subagent.matchPath('.claude/commands/deploy.md')).toBe('no')
    expect(subagent.matchPath('skills/pdf/SKILL.md')).toBe('no')
    expect(subagent.matchPath('README.md')).toBe('no')
    expect(subagent.matchPath('.claude/agents/reviewer.yaml')).toBe('no')
  })

  it.each([
    '21st-dev__1code__code-reviewer.md',
    'shanraisshan__claude-code-best-practice__weather-agent.md',
    'shanraisshan__claude-code-best-practice__development-workflows-research-agent.md',
  ])('claims the corpus file %s under its flattened name', (name) => {
    const file = fixtureFile(`${DIR}/${name}`)
    expect(subagent.matchPath(file.path)).toBe('maybe')
    expect(claims(file.path, file.text)).toBe(true)
  })

  it('does not sniff website pages or plain notes', () => {
    for (const name of [
      'ours-decoys/blog-post.md',
      'ours-decoys/docs-page.md',
    ]) {
      const file = fixtureFile(`${DIR}/${name}`)
      expect(claims(file.path, file.text)).toBe(false)
    }
    expect(claims('docs/a.md', '# Title\n\nNo front matter.\n')).toBe(false)
    expect(
      claims('docs/a.md', '---\nname: a\ndescription: b\n---\nJust a page.\n'),
    ).toBe(false)
    expect(
      claims(
        'cars/tesla.md',
        '---\nname: Tesla\ndescription: An electric car\nmodel: Model S\nskills: [driving]\n---\n',
      ),
    ).toBe(false)
    expect(
      claims(
        'docs/agent.md',
        '---\nname: a\ndescription: b\nmodel: sonnet\n---\n',
      ),
    ).toBe(true)
  })
})

describe('claude-code-subagent: corpus', () => {
  it('reads a tools allowlist with a model alias', () => {
    const agent = only(`${DIR}/21st-dev__1code__code-reviewer.md`)
    expect(agent).toMatchObject({
      name: 'code-reviewer',
      format: 'claude-code-subagent',
      source: { line: 2 },
      description: expect.stringMatching(/^Reviews code changes/),
      model: { name: 'sonnet', provider: 'anthropic', unresolved: true },
      tools: [
        { name: 'Read', kind: 'file-read', line: 4, readOnly: true },
        { name: 'Glob', kind: 'file-read', line: 4 },
        { name: 'Grep', kind: 'file-read', line: 4 },
        { name: 'Bash', kind: 'shell', line: 4 },
      ],
      exposure: { reach: 'local' },
      triggers: ['chat'],
      evidence: { name: 2, tools: 4, model: 5, instructions: 7 },
    })
    expect(agent.allTools).toBeUndefined()
    // No permissionMode: Claude Code's own default asks before Bash.
    expect(agent.controls).toEqual({ humanApproval: true })
    expect(agent.defaults).toEqual({
      'controls.humanApproval':
        'host default: Claude Code asks before running Bash',
    })
    expect(agent.tools.map((t) => [t.name, t.requiresApproval])).toEqual([
      ['Read', false],
      ['Glob', false],
      ['Grep', false],
      ['Bash', true],
    ])
    expect(agent.autonomy.permissionMode).toBeUndefined()
    expect(agent.instructions).toMatch(/^You are a focused code reviewer/)
  })

  it('reads acceptEdits, project memory, skills, hooks and maxTurns', () => {
    const agent = only(
      `${DIR}/shanraisshan__claude-code-best-practice__weather-agent.md`,
    )
    expect(
      agent.tools.map((t) => [t.name, t.kind, t.requiresApproval]),
    ).toEqual([
      // acceptEdits: edits no longer ask; the rest keeps the host default.
      ['WebFetch', 'network', true],
      ['Read', 'file-read', false],
      ['Write', 'file-write', false],
      ['Edit', 'file-write', false],
    ])
    expect(agent).toMatchObject({
      autonomy: {
        permissionMode: 'acceptEdits',
        maxIterations: 5,
        selfEditing: true,
      },
      controls: { humanApproval: false },
      memory: { kind: 'persistent', writable: true },
      skills: [{ name: 'weather-fetcher' }],
      evidence: { 'controls.humanApproval': 8, memory: 9, skills: 10 },
    })
    // The hooks are async voice notifications: neither a guardrail nor logging.
    expect(agent.controls.guardrails).toBeUndefined()
    expect(agent.controls.logging).toBeUndefined()
    expect(agent.notes.join('\n')).toMatch(
      /3 hooks on PreToolUse, PostToolUse, PostToolUseFailure/,
    )
  })

  it('treats a misspelt allowedTools as no restriction at all', () => {
    const path = `${DIR}/shanraisshan__claude-code-best-practice__development-workflows-research-agent.md`
    const result = subagent.parse(fixtureFile(path))
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(agent.name).toBe('development-workflows-research-agent-root')
    expect(agent.allTools).toBe(true)
    expect(agent.notes).toContain(
      '"allowedTools" is not a subagent field and is ignored: with no "tools" the agent inherits every tool, MCP included',
    )
    expect(result.problems).toMatchObject([
      { file: path, line: 6, field: 'allowedTools', level: 'warning' },
    ])
    expect(agent.tools.find((t) => t.name === 'Bash(*)')).toMatchObject({
      kind: 'shell',
      wildcard: true,
      line: 7,
      requiresApproval: false,
    })
    expect(agent.tools.find((t) => t.name === 'mcp__*')).toMatchObject({
      kind: 'mcp-server',
      wildcard: true,
    })
    expect(agent).toMatchObject({
      autonomy: { permissionMode: 'bypassPermissions', maxIterations: 30 },
      controls: { humanApproval: false },
      delegation: { canDelegate: true, dynamic: true },
      evidence: { tools: 6, 'controls.humanApproval': 19 },
    })
    expect(agent.notes).toContain(
      'permissionMode bypassPermissions: tools run without confirmation',
    )
  })
})

describe('claude-code-subagent: our fixtures', () => {
  it('reads every field of a full subagent', () => {
    const agent = only(`${DIR}/ours-project/.claude/agents/team/lead.md`)
    expect(agent.tools.map((t) => [t.name, t.kind, t.line])).toEqual([
      ['Read', 'file-read', 4],
      ['Grep', 'file-read', 4],
      ['Bash(git diff:*, git log:*)', 'shell', 4],
      ['Agent(worker, researcher)', 'agent-call', 4],
      ['mcp__jira__*', 'mcp-server', 4],
      ['docs', 'search', 15],
    ])
    expect(agent.tools.some((t) => t.name === 'Write')).toBe(false)
    expect(agent).toMatchObject({
      name: 'team-lead',
      model: { name: 'claude-opus-4-1-20250805', provider: 'anthropic' },
      subAgents: ['worker', 'researcher'],
      delegation: { canDelegate: true },
      autonomy: {
        permissionMode: 'plan',
        planning: true,
        maxIterations: 12,
        selfEditing: true,
      },
      memory: { kind: 'persistent', stores: ['user agent memory'] },
      skills: [{ name: 'release-checklist' }, { name: 'changelog' }],
      controls: {
        humanApproval: true,
        sandbox: true,
        guardrails: true,
        logging: true,
      },
      evidence: {
        'controls.guardrails': 22,
        'controls.logging': 27,
        'controls.sandbox': 10,
        subAgents: 4,
        tools: 4,
      },
    })
    expect(agent.model.unresolved).toBeUndefined()
    expect(agent.notes).toContain('disallowedTools removes: Write')
    expect(agent.notes.join('\n')).toMatch(
      /docs is remote .* no authentication/,
    )
  })

  it('gives an agent without tools every tool', () => {
    const agent = only(`${DIR}/ours-project/.claude/agents/open.md`)
    expect(agent).toMatchObject({
      name: 'open-helper',
      allTools: true,
      tools: [],
      model: { name: 'inherit', unresolved: true },
      controls: { humanApproval: true },
      autonomy: { permissionMode: 'default' },
    })
  })

  it('reads a plugin agent that has only a name and a description', () => {
    const path = `${DIR}/ours-plugin/agents/helper.md`
    const file = fixtureFile(path)
    expect(claims(path, file.text)).toBe(true)
    const agent = only(path)
    expect(agent).toMatchObject({ name: 'plugin-helper', allTools: true })
    expect(agent.notes.join('\n')).toMatch(/plugin described in .*plugin\.json/)
  })

  it('rejects look-alikes outside .claude/agents', () => {
    expect(
      subagent.parse(fixtureFile(`${DIR}/ours-decoys/agents/notes.md`))
        .rejected,
    ).toMatch(/neither under .claude\/agents\/ nor in a Claude Code plugin/)
    expect(
      subagent.parse(fixtureFile(`${DIR}/ours-decoys/blog-post.md`)).rejected,
    ).toMatch(/website page \(layout, date\)/)
    expect(
      subagent.parse(fixtureFile(`${DIR}/ours-decoys/docs-page.md`)).rejected,
    ).toMatch(/website page \(sidebar_position\)/)
    expect(
      subagent.parse(
        fixtureFile(`${DIR}/ours-project/.claude/agents/README.md`),
      ).rejected,
    ).toMatch(/no YAML front matter/)
  })

  it('reports broken front matter with its file and line', () => {
    const broken = `${DIR}/ours-project/.claude/agents/broken.md`
    const result = subagent.parse(fixtureFile(broken))
    // Claude Code loads front matter a YAML parser refuses: so does the
    // reader, line by line, with a warning that names the YAML error.
    expect(result.agents.map((a) => [a.name, a.description])).toEqual([
      ['broken', '[unclosed'],
    ])
    expect(result.agents[0]?.notes).toContain(LENIENT_FRONT_MATTER_NOTE)
    expect(result.problems[0]).toMatchObject({ file: broken, level: 'warning' })
    expect(result.problems[0]?.message).toMatch(
      /^invalid YAML.*; read line by line/,
    )
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(3)

    const unclosed = `${DIR}/ours-project/.claude/agents/unclosed.md`
    expect(subagent.parse(fixtureFile(unclosed)).problems).toMatchObject([
      {
        file: unclosed,
        line: 1,
        message: expect.stringMatching(/never closed/),
      },
    ])
  })

  it('warns about missing names and unknown values, and still reads the agent', () => {
    const result = subagent.parse(
      textFile(
        '.claude/agents/nameless.md',
        '---\ndescription: x\ntools: [Read]\npermissionMode: yolo\nmemory: forever\n---\n',
      ),
    )
    expect(result.agents[0]).toMatchObject({
      name: 'nameless',
      autonomy: { permissionMode: 'yolo' },
    })
    expect(result.agents[0]?.controls.humanApproval).toBeUndefined()
    expect(result.problems.map((p) => [p.field, p.line, p.level])).toEqual([
      ['name', 1, 'warning'],
      ['permissionMode', 4, 'warning'],
      ['memory', 5, 'warning'],
    ])
  })

  it('reports a front matter that is not a mapping and a tools field of the wrong type', () => {
    const list = subagent.parse(
      textFile('.claude/agents/a.md', '---\n- a\n- b\n---\n'),
    )
    expect(list.problems[0]).toMatchObject({ line: 2, level: 'error' })
    const tools = subagent.parse(
      textFile(
        '.claude/agents/b.md',
        '---\nname: b\ndescription: b\ntools: 3\n---\n',
      ),
    )
    expect(tools.problems).toMatchObject([{ field: 'tools', line: 4 }])
  })
})
