import {
  addNote,
  applyHooks,
  applyHostDefaults,
  applyPermissionMode,
  applyProjectSettings,
  checkWith,
  cite,
  CLAUDE_CODE_MCP_ASKS,
  fileStem,
  hookCommands,
  newProfile,
  noteLenientRead,
  pathSegments,
  problem,
  readFrontMatter,
  readProjectSettings,
  rejected,
  splitPath,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Problem,
} from '../../manifest/kit.js'
import {
  readEffort,
  readIsolation,
  readMemory,
  readModel,
  readPermissionMode,
  readSkills,
  readTurns,
} from './map-settings.js'
import { readMcpServers, readTools, type SubagentContext } from './map-tools.js'
import {
  AGENT_KEYS,
  CLAUDE_MODEL,
  PAGE_KEYS,
  SubagentFrontMatter,
  WrittenKeys,
} from './schema.js'

const FORMAT_ID = 'claude-code-subagent'

/** Under `.claude/agents/`, at any depth: Claude Code's own place. */
export function isClaudeAgentsPath(segments: readonly string[]): boolean {
  return (
    segments.some(
      (segment, i) => segment === '.claude' && segments[i + 1] === 'agents',
    ) && segments.length > 2
  )
}

export function mapClaudeSubagent(file: ManifestFile): FormatResult {
  const canonical = isClaudeAgentsPath(pathSegments(file.path))
  const front = readFrontMatter(file, {
    missing: 'no YAML front matter: Claude Code does not load it as a subagent',
    reportUnclosed: canonical,
    unclosedHelp: 'Close the front matter with a line holding only ---.',
    notMapping: 'the front matter must be a mapping of subagent fields',
    notMappingHelp:
      'Write name, description and the other fields as "key: value" lines.',
    // Claude Code loads front matter whose values hold ": ".
    lenient: true,
  })
  if (!front.ok) return front.result
  const { fm } = front
  const read = checkWith(file.path, fm.document, SubagentFrontMatter)
  if (!read.ok) return read.result
  const agent = read.data
  const written = new Set(WrittenKeys.parse(fm.document.value))
  // Claude Code has no `on:`; a GitHub Agentic Workflow does, and is read
  // as one, with its own tools, wherever it sits.
  if (written.has('on'))
    return rejected(
      'front matter with on: a GitHub Agentic Workflow, not a Claude Code subagent',
    )
  if (!canonical) {
    const page = PAGE_KEYS.filter((k) => written.has(k))
    if (page.length > 0)
      return rejected(
        `front matter of a website page (${page.join(', ')}), not a subagent`,
      )
    const claudeModel = CLAUDE_MODEL.test(agent.model ?? '')
    if (
      !AGENT_KEYS.some((k) => written.has(k)) &&
      !claudeModel &&
      pluginOf(file) === undefined
    )
      return rejected(
        'front matter has no subagent field and the file is neither under .claude/agents/ nor in a Claude Code plugin',
      )
  }
  const profile = newProfile({
    name: agent.name?.trim() || fileStem(file.path, /\.md$/i),
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name']) ?? 1,
  })
  const context: SubagentContext = {
    profile,
    read,
    problems: read.problems,
    file: file.path,
  }
  readAbout(context, agent, fm.body, fm.bodyLine)
  const plugin = pluginOf(file)
  if (plugin)
    addNote(profile, `agent of the Claude Code plugin described in ${plugin}`)
  readAgent(context, agent, file)
  noteLenientRead(fm, profile, context.problems)
  return {
    agents: [profile],
    problems: context.problems,
    document: fm.document,
  }
}

/** The plugin manifest next to a plugin's `agents/` folder, if there is one. */
function pluginOf(file: ManifestFile): string | undefined {
  const { dir } = splitPath(file.path)
  const match = /^(.*\/)?agents\/$/.exec(dir)
  if (!match) return undefined
  const manifest = `${match[1] ?? ''}.claude-plugin/plugin.json`
  return file.readSibling(manifest) === undefined ? undefined : manifest
}

/** Name, description and prompt, which Claude Code requires. */
function readAbout(
  { profile, read, problems, file }: SubagentContext,
  agent: SubagentFrontMatter,
  body: string,
  bodyLine: number,
): void {
  if (!agent.name?.trim()) {
    problems.push(
      problem(file, 1, 'the subagent has no name; Claude Code requires one', {
        field: 'name',
        level: 'warning',
        help: 'Add "name: <lowercase-with-hyphens>" to the front matter.',
      }),
    )
  }
  cite(profile, 'name', read.lineOf(['name']))
  const description = agent.description?.trim()
  if (description) profile.description = description
  else
    problems.push(
      problem(
        file,
        read.lineOf(['name']) ?? 1,
        'the subagent has no description; Claude Code requires one to decide when to use it',
        { field: 'description', level: 'warning' },
      ),
    )
  const prompt = body.trim()
  if (prompt) {
    profile.instructions = prompt
    cite(profile, 'instructions', bodyLine)
  }
  profile.exposure.reach = 'local'
  profile.triggers.push('chat')
}

function readAgent(
  context: SubagentContext,
  agent: SubagentFrontMatter,
  file: ManifestFile,
): void {
  const { profile, read } = context
  readTools(context, agent)
  readModel(profile, agent.model, read.lineOf(['model']))
  const mode = readPermissionMode(context, agent.permissionMode)
  readTurns(profile, agent.maxTurns, read.lineOf(['maxTurns']))
  readMemory(context, agent.memory)
  readSkills(profile, agent.skills, read.lineOf(['skills']))
  readMcpServers(context, agent.mcpServers)
  applyHooks(profile, hookCommands(agent.hooks), (path) =>
    read.lineOf(['hooks', ...path]),
  )
  readIsolation(profile, agent.isolation, read.lineOf(['isolation']))
  if (agent.background === true)
    addNote(
      profile,
      "background: true: it always runs as a background task, out of the user's sight",
    )
  readEffort(profile, agent.effort, read.lineOf(['effort']))
  readApprovals(profile, mode, read.lineOf(['permissionMode']), context, file)
}

/**
 * Who approves what, once every tool is listed: the project's settings
 * (rules, then its defaultMode), the agent's own permissionMode over that
 * mode, and Claude Code's documented defaults for what is left.
 */
function readApprovals(
  profile: AgentProfile,
  mode: string | undefined,
  line: number | undefined,
  { problems }: { readonly problems: Problem[] },
  file: ManifestFile,
): void {
  const settings = readProjectSettings(file, problems)
  if (settings) applyProjectSettings(profile, settings, mode)
  if (mode) applyPermissionMode(profile, mode, line)
  applyHostDefaults(profile, 'claude-code', { mcpAsks: CLAUDE_CODE_MCP_ASKS })
}
