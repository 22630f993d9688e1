import { describe, expect, it } from 'vitest'
import agentsMd from '../../src/core/formats/agents-md/index.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/agents-md'

describe('AGENTS.md', () => {
  it('claims AGENTS.md and AGENT.md in any directory, and no other markdown', () => {
    expect(agentsMd.matchPath('AGENTS.md')).toBe('yes')
    expect(agentsMd.matchPath('packages/api/AGENTS.md')).toBe('yes')
    expect(agentsMd.matchPath('agents.md')).toBe('yes')
    expect(agentsMd.matchPath('AGENT.md')).toBe('yes')
    expect(agentsMd.matchPath('.claude/agents/AGENT.md')).toBe('no')
    expect(agentsMd.matchPath('README.md')).toBe('no')
    expect(agentsMd.matchPath('CLAUDE.md')).toBe('no')
    expect(agentsMd.matchPath('.claude/agents/reviewer.md')).toBe('no')
    expect(agentsMd.matchPath('docs/agents-overview.md')).toBe('no')
  })

  it('claims the corpus file under its flattened name', () => {
    const name = '0-sayed__dark-factory__AGENTS.md'
    const file = fixtureFile(`${DIR}/${name}`)
    expect(agentsMd.matchPath(name)).toBe('maybe')
    expect(agentsMd.sniff?.(file.text, name)).toBe(true)
  })

  it('does not claim a documentation page whose name ends in AGENTS.md', () => {
    const path = `${DIR}/ours-docs-SUB-AGENTS.md`
    expect(agentsMd.matchPath(path)).toBe('maybe')
    expect(agentsMd.sniff?.(fixtureFile(path).text, path)).toBe(false)
  })

  it('returns no agent, only a context note for its directory', () => {
    const path = `${DIR}/0-sayed__dark-factory__AGENTS.md`
    const result = agentsMd.parse(fixtureFile(path))
    expect(result.agents).toEqual([])
    expect(result.problems).toEqual([])
    expect(result.rejected).toBeUndefined()
    expect(result.context).toEqual([
      {
        scope: DIR,
        file: path,
        text: 'Dark Factory Agent Instructions: Do not hand-edit managed feature worktrees or bypass it by starting AO orchestration, factory-owned Archon workflows, merge processing, or cleanup directly. Do not modify `~/.archon/workflows` without explicit user authorization.',
      },
    ])
  })

  it('scopes a nested file to its directory and keeps rule-like list items', () => {
    const path = `${DIR}/ours-nested/services/api/AGENTS.md`
    const result = agentsMd.parse(fixtureFile(path))
    expect(result.context).toEqual([
      {
        scope: `${DIR}/ours-nested/services/api`,
        file: path,
        text: 'API service: Always run `npm test` before committing. Never commit secrets or `.env` files. Ask the user before running database migrations.',
      },
    ])
  })

  it('scopes a root file to the empty directory and caps long prose', () => {
    const long = `# Notes\n\n${'Plain prose without any rule. '.repeat(40)}`
    const result = agentsMd.parse(textFile('AGENTS.md', long))
    const note = result.context?.[0]
    expect(note?.scope).toBe('')
    expect(note?.text.length).toBeLessThanOrEqual(400)
    expect(note?.text).toMatch(/^Notes: Plain prose/)
  })

  it('rejects an empty file and survives broken front matter', () => {
    expect(agentsMd.parse(textFile('AGENTS.md', '\n  \n')).rejected).toBe(
      'an empty AGENTS.md',
    )
    const result = agentsMd.parse(
      textFile('AGENTS.md', '---\n: [bad\n---\nNever push to main.\n'),
    )
    expect(result.problems).toEqual([])
    expect(result.context?.[0]?.text).toMatch(/Never push to main\./)
  })
})
