import {
  addNote,
  checkWith,
  fileStem,
  noteLenientRead,
  parseJsonDocument,
  problem,
  readFrontMatter,
  rejected,
  splitPath,
  type FormatResult,
  type ManifestFile,
  type Problem,
} from '../../manifest/kit.js'
import { agentEntry, DEFAULT_AGENT, type Base } from './map-agent.js'
import { readBase } from './map.js'
import { Agent, ProjectConfig } from './schema.js'

/**
 * `.opencode/agent(s)/*.md`: one agent, whose global settings come from the
 * project's opencode.json(c) when there is one.
 */
export function mapMarkdownAgent(file: ManifestFile): FormatResult {
  const front = readFrontMatter(file, {
    missing: 'no YAML front matter: not an OpenCode agent',
    notMapping: 'the front matter must be a mapping of agent fields',
    // OpenCode falls back to a permissive reading of invalid front matter.
    lenient: true,
  })
  if (!front.ok) return front.result
  const { fm } = front
  const read = checkWith(file.path, fm.document, Agent)
  if (!read.ok) return read.result
  const agent = read.data
  if (agent.disable === true)
    return rejected('disable: true: OpenCode does not load this agent')
  const problems: Problem[] = read.problems
  const base = projectBase(file, problems)
  const name = agent.name?.trim() || fileStem(file.path, /\.md$/i)
  const { profile, mode } = agentEntry({
    file,
    name,
    definition: agent,
    path: [],
    doc: fm.document,
    base,
    problems,
    body: { text: fm.body, line: fm.bodyLine },
  })
  if (base.source) addNote(profile, `global settings come from ${base.source}`)
  noteLenientRead(fm, profile, problems)
  if (mode === 'subagent') {
    // OpenCode's default agent starts subagents; it exists when the project has a config.
    if (base.source) profile.parent = DEFAULT_AGENT
    else
      addNote(
        profile,
        "subagent: OpenCode's primary agents start it through the task tool",
      )
  }
  return { agents: [profile], problems, document: fm.document }
}

/** The project's opencode.json(c), which a Markdown agent starts from. */
function projectBase(file: ManifestFile, problems: Problem[]): Base {
  const { dir } = splitPath(file.path)
  const root = dir.replace(/\.opencode\/agents?\/$/, '')
  for (const candidate of [
    `${root}opencode.json`,
    `${root}opencode.jsonc`,
    `${root}.opencode/opencode.json`,
    `${root}.opencode/opencode.jsonc`,
  ]) {
    const text = file.readSibling(candidate)
    if (text === undefined) continue
    try {
      const doc = parseJsonDocument(text, candidate)
      const read = checkWith(candidate, doc, ProjectConfig)
      // Its problems are its own file's, reported when it is read itself.
      const config = read.ok ? read.data : undefined
      return readBase(config, doc, () => undefined, candidate)
    } catch {
      problems.push(
        problem(
          file.path,
          1,
          `${candidate} could not be read; the agent is read without the global settings`,
          { level: 'warning' },
        ),
      )
      break
    }
  }
  return { permission: new Map(), tools: new Map(), mcp: [] }
}
