import {
  harnessTool,
  readFrontMatter,
  checkWith,
  pathSegments,
  rejected,
  type FormatResult,
  type ManifestFile,
  type SkillDeclaration,
  type Tool,
} from '../../manifest/kit.js'
import { SkillFrontMatter, ToolList } from './schema.js'

/**
 * A skill is not an agent: it is instructions, tools and scripts that an
 * agent loads when the task calls for it. Its tools are those it allows;
 * a script it bundles runs as code. Where it sits says who loads it.
 */
export function mapSkill(file: ManifestFile): FormatResult {
  const front = readFrontMatter(file, {
    missing:
      'no YAML front matter: an Agent Skill starts with name and description',
    notMapping: 'the front matter must be a mapping of skill fields',
    lenient: true,
  })
  if (!front.ok) return front.result
  const read = checkWith(file.path, front.fm.document, SkillFrontMatter)
  if (!read.ok) return read.result
  const data = read.data
  if (!data?.name && !data?.description)
    return rejected(
      'front matter without name or description: not an Agent Skill',
    )
  const segments = pathSegments(file.path)
  const dir = segments.slice(0, -1)
  const name = data.name?.trim() || dir[dir.length - 1] || 'skill'
  const toolsLine =
    read.lineOf(['allowed-tools']) ??
    read.lineOf(['allowed_tools']) ??
    read.lineOf(['tools'])
  const entries = ToolList.parse(
    data['allowed-tools'] ?? data.allowed_tools ?? data.tools,
  )
  const tools: Tool[] = entries.map((entry) => ({
    ...harnessTool(entry, toolsLine).tool,
    description: `allowed by skill ${name}`,
  }))
  const scripts = bundledScripts(file, dir.join('/'), front.fm.body)
  for (const script of scripts)
    tools.push({
      name: `${name}/${script.path}`,
      kind: 'code-exec',
      source: 'code',
      description: `${script.language} script bundled with skill ${name}`,
    })
  const skill: SkillDeclaration = {
    name,
    description: data.description?.trim() || undefined,
    file: file.path,
    line: read.lineOf(['name']) ?? 1,
    ...whoLoads(dir),
    tools,
    scripts,
  }
  return { agents: [], problems: [...read.problems], skills: [skill] }
}

const LANGUAGES: ReadonlyMap<string, string> = new Map([
  ['py', 'Python'],
  ['sh', 'shell'],
  ['bash', 'shell'],
  ['js', 'JavaScript'],
  ['mjs', 'JavaScript'],
  ['ts', 'TypeScript'],
  ['rb', 'Ruby'],
  ['ps1', 'PowerShell'],
  ['go', 'Go'],
])
const SCRIPT =
  /(?:^|[\s`("'[])((?:\.\/)?(?:scripts|bin|tools)\/[\w./-]+\.(\w+))/g

/** Scripts the body names (`scripts/extract.py`) that the skill folder holds. */
function bundledScripts(
  file: ManifestFile,
  dir: string,
  body: string,
): Array<{ path: string; language: string }> {
  const found = new Map<string, string>()
  for (const match of body.matchAll(SCRIPT)) {
    const path = (match[1] ?? '').replace(/^\.\//, '')
    const language = LANGUAGES.get((match[2] ?? '').toLowerCase())
    if (!language || path.includes('..') || found.has(path)) continue
    if (file.readSibling(dir ? `${dir}/${path}` : path) !== undefined)
      found.set(path, language)
    if (found.size >= 50) break
  }
  return [...found].map(([path, language]) => ({ path, language }))
}

/** The agents that load a skill, by where it sits. */
function whoLoads(
  dir: readonly string[],
): Pick<SkillDeclaration, 'scope' | 'hosts'> {
  const at = (name: string): number => dir.lastIndexOf(name)
  const host = (
    index: number,
    hosts: string[],
  ): Pick<SkillDeclaration, 'scope' | 'hosts'> => ({
    scope: dir.slice(0, index).join('/'),
    hosts,
  })
  if (at('.claude') >= 0 && dir[at('.claude') + 1] === 'skills')
    return host(at('.claude'), [
      'claude-code-settings',
      'claude-code-subagent',
      'claude-code-plugin',
    ])
  if (at('.github') >= 0 && dir[at('.github') + 1] === 'skills')
    return host(at('.github'), ['copilot-agent', 'agentic-workflow'])
  if (at('.codex') >= 0 && dir[at('.codex') + 1] === 'skills')
    return host(at('.codex'), ['codex-config'])
  if (at('skills') >= 0) return host(at('skills'), [])
  return host(dir.length, [])
}
