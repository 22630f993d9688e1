import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FORMATS } from '../../src/core/formats/index.js'

// Discovery asks a format about a path only when the file name has one of
// the format's declared endings; a wrong declaration would hide manifests.
// Every path a format claims must therefore end as it declares.

function endsAsDeclared(path: string, endings: readonly string[]): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  return endings.some((e) => name.endsWith(e))
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
}

const SEGMENTS = [
  '.github',
  'agents',
  'chatmodes',
  '.claude',
  '.claude-plugin',
  '.vscode',
  '.cursor',
  '.gemini',
  '.well-known',
  'config',
  '.codex',
  '.opencode',
  'agent',
  '.amazonq',
  'cli-agents',
  '.kiro',
  'settings',
  'remote_a2a',
  'src',
  'crew',
  'appPackage',
  '.roo',
  'windsurf',
  'packages',
  'p1',
]
const NAMES = [
  'agent',
  'agents',
  'AGENTS',
  'AGENT',
  'tasks',
  'root_agent',
  'server',
  'settings',
  'settings.local',
  'mcp',
  '.mcp',
  'claude_desktop_config',
  'mcp_config',
  'declarativeAgent',
  'ai-plugin',
  'plugin',
  'marketplace',
  'langgraph',
  'opencode',
  'custom_modes',
  '.roomodes',
  'x_roomodes',
  'gemini-extension',
  'crew',
  'config',
  'reviewer',
  'x.agent',
  'x.chatmode',
  'agent-card',
  'flow_chatflow',
  'my.af',
  'README',
  'Dockerfile',
  'main',
]
const EXTENSIONS = [
  '',
  '.json',
  '.JSON',
  '.jsonc',
  '.json5',
  '.yaml',
  '.yml',
  '.YML',
  '.md',
  '.toml',
  '.tf',
  '.template',
  '.af',
  '.ts',
  '.py',
  '.txt',
  '.roomodes',
]

describe('declared name endings', () => {
  const declaring = FORMATS.filter((f) => f.nameEndings !== undefined)

  it('are lower case with at most a leading dot', () => {
    for (const format of declaring) {
      for (const ending of format.nameEndings ?? []) {
        expect(ending, format.id).toBe(ending.toLowerCase())
        expect(ending.slice(1).includes('.'), `${format.id}: ${ending}`).toBe(
          false,
        )
      }
    }
  })

  it('cover every fixture path, the corpus copies included, that a format claims', () => {
    // The corpus's manifests are copied there, with their names.
    const paths = filesUnder(join(import.meta.dirname, '../fixtures'))
    expect(paths.length).toBeGreaterThan(200)
    let claimed = 0
    for (const path of paths) {
      for (const format of declaring) {
        if (format.matchPath(path) === 'no') continue
        claimed += 1
        expect(
          endsAsDeclared(path, format.nameEndings ?? []),
          `${format.id}: ${path}`,
        ).toBe(true)
      }
    }
    expect(claimed).toBeGreaterThan(200)
  })

  it('cover every generated path that a format claims', () => {
    const path = fc
      .tuple(
        fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 4 }),
        fc.constantFrom(...NAMES),
        fc.constantFrom(...EXTENSIONS),
      )
      .map(([dirs, name, ext]) => [...dirs, `${name}${ext}`].join('/'))
    fc.assert(
      fc.property(path, (p) => {
        for (const format of declaring) {
          if (format.matchPath(p) !== 'no')
            expect(
              endsAsDeclared(p, format.nameEndings ?? []),
              `${format.id}: ${p}`,
            ).toBe(true)
        }
      }),
      { numRuns: 5000 },
    )
  })
})
