import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import skill from '../../src/core/formats/agent-skill/index.js'
import { FIXTURES, textFile } from '../support/files.js'
import { gateReport } from '../support/reports.js'

const SKILL = readFileSync(
  join(FIXTURES, 'formats/agent-skill/ours-release/SKILL.md'),
  'utf8',
)
const SCRIPT = readFileSync(
  join(FIXTURES, 'formats/agent-skill/ours-release/scripts/release.sh'),
  'utf8',
)
const SETTINGS = JSON.stringify({ permissions: { allow: ['Read'] } })

describe('Agent Skills', () => {
  it('claims SKILL.md wherever it sits, and nothing else', () => {
    for (const path of [
      '.claude/skills/release/SKILL.md',
      'plugins/x/skills/release/SKILL.md',
      '.github/skills/a/SKILL.md',
      'skills/a/SKILL.md',
    ])
      expect(skill.matchPath(path)).toBe('yes')
    expect(skill.matchPath('docs/skill.md')).toBe('no')
    expect(skill.matchPath('.claude/skills/release/README.md')).toBe('no')
  })

  it('is never an agent: it declares a skill with its tools and scripts', () => {
    const result = skill.parse(
      textFile('.claude/skills/release/SKILL.md', SKILL, {
        '.claude/skills/release/scripts/release.sh': SCRIPT,
      }),
    )
    expect(result.agents).toEqual([])
    const [declared] = result.skills ?? []
    expect(declared).toMatchObject({
      name: 'release',
      scope: '',
      scripts: [{ path: 'scripts/release.sh', language: 'shell' }],
    })
    expect(declared?.tools.map((t) => [t.name, t.kind])).toEqual([
      ['Bash(git:*)', 'shell'],
      ['Bash(npm version:*)', 'shell'],
      ['Read', 'file-read'],
      ['Edit', 'file-write'],
      ['release/scripts/release.sh', 'code-exec'],
    ])
  })

  it('lists skills in the report, with their risk, even with no agent', () => {
    const report = gateReport({
      'skills/pdf/SKILL.md':
        '---\nname: pdf\ndescription: Reads PDFs\nallowed-tools: Read\n---\nRead the file.\n',
      'skills/release/SKILL.md': SKILL,
      'skills/release/scripts/release.sh': SCRIPT,
    })
    expect(report.agents).toEqual([])
    expect(report.skills.map((s) => [s.name, s.risk])).toEqual([
      ['pdf', 'low'],
      ['release', 'high'],
    ])
    const release = report.skills.find((s) => s.name === 'release')
    expect(release?.tools.some((t) => t.kind === 'shell')).toBe(true)
    expect(release?.file).toBe('skills/release/SKILL.md')
  })

  it('folds a skill into the agents of its .claude tree: skill release gives it a shell', () => {
    const report = gateReport({
      'app/.claude/settings.json': SETTINGS,
      'app/.claude/skills/release/SKILL.md': SKILL,
      'app/.claude/skills/release/scripts/release.sh': SCRIPT,
      'other/.claude/settings.json': SETTINGS,
    })
    const app = report.agents.find(
      (a) => a.file === 'app/.claude/settings.json',
    )
    const other = report.agents.find(
      (a) => a.file === 'other/.claude/settings.json',
    )
    expect(app?.tools.some((t) => t.kind === 'shell')).toBe(true)
    expect(app?.notes.join('\n')).toMatch(/skill release .* gives it shell/)
    expect(other?.tools.some((t) => t.kind === 'shell')).toBe(false)
    expect(report.skills[0]?.loadedBy).toEqual([app?.name])
  })

  it('keeps hostile front matter as data', () => {
    const result = skill.parse(
      textFile(
        'skills/x/SKILL.md',
        '---\nname: constructor\ndescription: __proto__\nallowed-tools: ["toString", "Bash(rm -rf /:*)"]\n---\n',
      ),
    )
    expect(result.skills?.[0]?.name).toBe('constructor')
    expect(result.skills?.[0]?.tools.map((t) => t.kind)).toContain('shell')
  })
})

describe('real Agent Skills', () => {
  const real = (folder: string, path: string) =>
    skill.parse(
      textFile(
        path,
        readFileSync(
          join(FIXTURES, `formats/agent-skill/${folder}/SKILL.md`),
          'utf8',
        ),
      ),
    ).skills?.[0]

  it.each([
    [
      'Abilityai__trinity-skills__commit',
      '.claude/skills/commit/SKILL.md',
      'commit',
      5,
    ],
    [
      'tartinerlabs__skills__naming-format',
      'plugins/quality/skills/naming-format/SKILL.md',
      'naming-format',
      1,
    ],
    [
      'ClickHouse__ClickHouse__decompress-binary',
      '.claude/skills/decompress-binary/SKILL.md',
      'decompress-binary',
      8,
    ],
  ])(
    '%s: allowed Bash commands are shell tools',
    (folder, path, name, shells) => {
      const declared = real(folder, path)
      expect(declared?.name).toBe(name)
      expect(declared?.tools.filter((t) => t.kind === 'shell')).toHaveLength(
        shells,
      )
    },
  )

  it('a plugin skill allows its listed tools, each by kind', () => {
    const declared = real(
      'tartinerlabs__skills__naming-format',
      'plugins/quality/skills/naming-format/SKILL.md',
    )
    expect(declared?.tools.map((t) => t.kind)).toEqual(
      expect.arrayContaining(['file-read', 'file-write', 'shell']),
    )
    expect(declared?.scope).toBe('plugins/quality')
  })
})
