import { describe, expect, it } from 'vitest'
import workflow from '../../src/core/formats/agentic-workflow/index.js'
import subagent from '../../src/core/formats/claude-code-subagent/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/agentic-workflow'

function parsed(result: FormatResult): AgentProfile {
  expect(result.rejected).toBeUndefined()
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

const claims = (path: string, text: string): boolean => {
  const claim = workflow.matchPath(path)
  return claim === 'yes' || (claim === 'maybe' && workflow.sniff!(text, path))
}

describe('GitHub Agentic Workflows', () => {
  const fixer = parsed(
    workflow.parse(fixtureFile(`${DIR}/ours-issue-fixer.md`)),
  )

  it('claims .github/workflows/*.md outright, and other Markdown by its front matter', () => {
    expect(workflow.matchPath('.github/workflows/triage.md')).toBe('yes')
    expect(workflow.matchPath('.github/workflows/shared/tools.md')).toBe(
      'maybe',
    )
    expect(workflow.matchPath('.github/workflows/README.md')).toBe('no')
    expect(workflow.matchPath('.github/workflows/ci.yml')).toBe('no')
    expect(
      claims('workflows/triage.md', '---\non: issues\nengine: codex\n---\n'),
    ).toBe(true)
    expect(claims('docs/guide.md', '---\ntitle: Guide\n---\n')).toBe(false)
    // A Claude Code subagent's front matter is not a workflow's.
    expect(
      claims(
        'agents/reviewer.md',
        '---\nname: reviewer\ndescription: Reviews\ntools: Read\n---\n',
      ),
    ).toBe(false)
  })

  it('reads bash with every command as a wildcard shell, and the other tools by kind', () => {
    const tools = new Map(fixer.tools.map((t) => [t.name, t]))
    expect(tools.get('bash')).toMatchObject({ kind: 'shell', wildcard: true })
    expect(tools.get('edit')?.kind).toBe('file-write')
    expect(tools.get('web-fetch')).toMatchObject({
      kind: 'network',
      readOnly: true,
    })
    expect(tools.get('github:repos')).toMatchObject({
      kind: 'network',
      readOnly: true,
    })
    expect(tools.get('github:issues')).toBeDefined()
    expect(tools.get('tracker')).toMatchObject({ kind: 'mcp-server' })
    expect(fixer.memory).toMatchObject({ kind: 'persistent', writable: true })
  })

  it('reads the engine, the model and the turn cap', () => {
    expect(fixer.model).toMatchObject({
      provider: 'anthropic',
      name: 'claude-sonnet-4-5',
    })
    expect(fixer.autonomy.maxIterations).toBe(40)
  })

  it('reads a slash command open to all roles as public, untrusted chat', () => {
    expect(fixer.triggers).toEqual(['chat'])
    expect(fixer.exposure).toMatchObject({
      reach: 'public',
      untrustedInput: true,
    })
    expect(fixer.notes.join('\n')).toMatch(/slash command \/fix/)
    // reaction is a setting of on, not an event.
    expect(fixer.notes.join('\n')).not.toMatch(/triggered by .*reaction/)
  })

  it('reads an open network as no allow-list, and the token that may write', () => {
    expect(fixer.controls.allowlists).toBe(false)
    expect(fixer.controls.guardrails).toBeUndefined()
    expect(fixer.identity.credentials).toContain('GITHUB_TOKEN')
    expect(fixer.notes.join('\n')).toMatch(/its token may write: contents/)
  })

  it('reads safe outputs as a guardrail and a network allow-list as one', () => {
    const agent = parsed(
      workflow.parse(
        textFile(
          '.github/workflows/triage.md',
          '---\non:\n  issues:\n    types: [opened]\npermissions: read-all\nnetwork: defaults\nsafe-outputs:\n  add-comment:\n  add-labels:\n    max: 3\ntools:\n  github:\n    toolsets: [issues]\n---\n\nTriage the issue.\n',
        ),
      ),
    )
    expect(agent.controls).toMatchObject({ guardrails: true, allowlists: true })
    expect(agent.triggers).toEqual(['event'])
    expect(agent.exposure).toMatchObject({
      reach: 'internal',
      untrustedInput: true,
    })
    expect(agent.model.provider).toBe('github')
    expect(agent.instructions).toBe('Triage the issue.')
  })

  it('rejects a shared import (no on:), read with the workflows that import it', () => {
    const result = workflow.parse(
      fixtureFile(`${DIR}/shared/ours-build-tools.md`),
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/without on:/)
  })

  it('is never read as a Claude Code subagent', () => {
    const text =
      '---\nname: Planner\ndescription: Plans work\non: issues\ntools:\n  bash: [ls]\n---\n\nPlan.\n'
    const result = subagent.parse(
      textFile('.github/workflows/planner.md', text),
    )
    expect(result.agents).toEqual([])
  })

  it('keeps hostile keys of tools and mcp-servers as data', () => {
    const agent = parsed(
      workflow.parse(
        textFile(
          '.github/workflows/x.md',
          '---\non: push\ntools:\n  constructor: {}\n  __proto__: {command: evil}\n  toString:\nmcp-servers:\n  hasOwnProperty: {command: npx, args: [x@1.0.0]}\n---\n',
        ),
      ),
    )
    expect(agent.tools.map((t) => t.name).sort()).toEqual(
      ['__proto__', 'constructor', 'hasOwnProperty', 'toString'].sort(),
    )
  })
})

describe('real agentic workflows', () => {
  const real = (name: string): AgentProfile =>
    parsed(workflow.parse(fixtureFile(`${DIR}/${name}`)))

  it('issue triage: untrusted issues, safe outputs, the default network', () => {
    const agent = real('githubnext__agentics__issue-triage.md')
    expect(agent.triggers).toEqual(['event'])
    expect(agent.exposure.untrustedInput).toBe(true)
    expect(agent.controls).toMatchObject({ guardrails: true, allowlists: true })
    expect(agent.tools.map((t) => t.name)).toEqual([
      'web-fetch',
      'github:issues',
      'github:labels',
    ])
    expect(agent.description).toMatch(/triage assistant/)
  })

  it('repo hygiene: scheduled and dispatched, with memory across runs', () => {
    const agent = real('githubnext__agentics__daily-repo-hygiene.md')
    expect([...agent.triggers].sort()).toEqual(['api', 'schedule'])
    expect(agent.memory.kind).toBe('persistent')
    expect(agent.tools.find((t) => t.name === 'github:all')?.wildcard).toBe(
      true,
    )
  })

  it('an older workflow: GitHub tools that write, and Claude Code tools', () => {
    const agent = real('githubnext__agentics__daily-test-improver.md')
    const tools = new Map(agent.tools.map((t) => [t.name, t]))
    expect(tools.get('github:push_files')?.readOnly).toBe(false)
    expect(tools.get('Edit')?.kind).toBe('file-write')
    expect(tools.get('WebSearch')?.kind).toBe('search')
    // Bash is commented out in the file: no shell.
    expect(agent.tools.some((t) => t.kind === 'shell')).toBe(false)
  })

  it.each([
    'github__gh-aw__cli-consistency-checker.md',
    'github__gh-aw__changeset.md',
  ])('%s: bash ["*"] is a shell with every command', (name) => {
    const bash = real(name).tools.find((t) => t.name === 'bash')
    expect(bash).toMatchObject({ kind: 'shell', wildcard: true })
  })

  it('changeset: a pull-request trigger and the codex engine', () => {
    const agent = real('github__gh-aw__changeset.md')
    expect(agent.triggers).toContain('ci')
    expect(agent.model).toMatchObject({
      provider: 'openai',
      name: 'openai/gpt-6.1-sol',
    })
    expect(agent.tools.find((t) => t.name === 'edit')?.kind).toBe('file-write')
  })
})
