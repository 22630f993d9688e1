import {
  addNote,
  applyHooks,
  applyHostDefaults,
  applyWorkspaceSettings,
  checkWith,
  cite,
  citeDefault,
  COPILOT_MCP_ASKS,
  fileStem,
  harnessModel,
  hookCommands,
  newProfile,
  noteLenientRead,
  problem,
  readFrontMatter,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Problem,
} from '../../manifest/kit.js'
import { readAgents, readHandoffs } from './map-delegation.js'
import { readMcpServers, readTools, type CopilotContext } from './map-tools.js'
import { AgentFrontMatter } from './schema.js'

const FORMAT_ID = 'copilot-agent'
/** The prompt Copilot reads, in characters. */
const MAX_PROMPT = 30000

function isChatMode(path: string): boolean {
  return /\.chatmode\.md$/i.test(path)
}

export function mapCopilotAgent(file: ManifestFile): FormatResult {
  const front = readFrontMatter(file, {
    missing: 'no YAML front matter: not a Copilot custom agent',
    notMapping: 'the front matter must be a mapping of agent fields',
    // VS Code loads front matter whose values hold ": ".
    lenient: true,
  })
  if (!front.ok) return front.result
  const { fm } = front
  const read = checkWith(file.path, fm.document, AgentFrontMatter)
  if (!read.ok) return read.result
  const agent = read.data
  const problems = read.problems
  const profile = newProfile({
    name:
      agent.name?.trim() || fileStem(file.path, /(\.agent|\.chatmode)?\.md$/i),
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name']) ?? read.lineOf(['description']) ?? 1,
  })
  const context: CopilotContext = { profile, read, problems, file: file.path }
  cite(profile, 'name', read.lineOf(['name']))
  const description = agent.description?.trim()
  if (description) profile.description = description
  else
    problems.push(
      problem(
        file.path,
        1,
        'description is required for a Copilot custom agent',
        { field: 'description', level: 'warning' },
      ),
    )
  readBody(profile, fm.body, fm.bodyLine)
  profile.exposure.reach = 'local'
  if (isChatMode(file.path))
    addNote(profile, 'legacy VS Code chat mode (now a custom agent)')
  cite(profile, 'tools', read.lineOf(['tools']))
  const servers = readMcpServers(context, agent['mcp-servers'])
  readTools(context, agent.tools, servers)
  readModel(profile, agent.model, read.lineOf(['model']))
  readTarget(profile, agent.target, read.lineOf(['target']), file.path)
  readHandoffs(context, agent.handoffs)
  readAgents(context, agent.agents)
  if (!isChatMode(file.path)) readInvocation(profile, agent)
  applyHooks(profile, hookCommands(agent.hooks), (path) =>
    read.lineOf(['hooks', ...path]),
  )
  readApprovals(profile, file, problems)
  noteLenientRead(fm, profile, problems)
  return { agents: [profile], problems, document: fm.document }
}

/** The markdown after the front matter is the agent's prompt. */
function readBody(profile: AgentProfile, text: string, line: number): void {
  const body = text.trim()
  if (!body) return
  profile.instructions = body
  cite(profile, 'instructions', line)
  if (body.length > MAX_PROMPT)
    addNote(
      profile,
      'the prompt is longer than the 30,000 characters Copilot reads',
    )
}

/**
 * Who approves what: the cloud agent works on its task unattended, so
 * nothing asks there; in VS Code the workspace's auto-approve settings
 * govern it, and VS Code's documented defaults fill the rest.
 */
function readApprovals(
  profile: AgentProfile,
  file: ManifestFile,
  problems: Problem[],
): void {
  if (profile.triggers.includes('event')) {
    applyHostDefaults(profile, 'copilot', {
      nothingAsks:
        'host default: the Copilot cloud agent works unattended: nothing asks',
    })
    if (profile.controls.sandbox === undefined) {
      profile.controls.sandbox = true
      citeDefault(
        profile,
        'controls.sandbox',
        'host default: the Copilot cloud agent runs in an ephemeral GitHub Actions environment behind a firewall',
      )
    }
    return
  }
  applyWorkspaceSettings(profile, file, problems)
  applyHostDefaults(profile, 'copilot', { mcpAsks: COPILOT_MCP_ASKS })
}

function readModel(
  profile: AgentProfile,
  names: readonly string[],
  line: number | undefined,
): void {
  if (names.length === 0) {
    profile.model = { unresolved: true }
    addNote(profile, "no model: it runs on the user's default model")
    return
  }
  profile.model = harnessModel(names[0] ?? '')
  cite(profile, 'model', line)
  if (names.length > 1)
    addNote(
      profile,
      `model list: falls back from ${names[0]} to ${names.slice(1).join(', ')}`,
    )
}

function readTarget(
  profile: AgentProfile,
  target: string | undefined,
  line: number | undefined,
  path: string,
): void {
  cite(profile, 'triggers', line)
  if (isChatMode(path) || target === 'vscode') {
    profile.triggers.push('chat')
    return
  }
  if (target === 'github-copilot') {
    profile.triggers.push('event')
    addNote(
      profile,
      'target github-copilot: the Copilot cloud agent works on an assigned task unattended and opens pull requests',
    )
    return
  }
  // The cloud agent may run it too, but there in an ephemeral, firewalled
  // environment whose work arrives as a pull request someone must review;
  // on the developer's machine nothing contains it, so the IDE decides.
  profile.triggers.push('chat')
  addNote(
    profile,
    'no target: scored as a VS Code agent; the Copilot cloud agent may also run it on an assigned task, in its own sandbox, opening a pull request for review',
  )
}

function readInvocation(profile: AgentProfile, agent: AgentFrontMatter): void {
  const manualOnly =
    agent['disable-model-invocation'] ??
    (agent.infer === false ? true : undefined)
  if (manualOnly === true)
    addNote(profile, 'only a person can pick it; other agents do not start it')
  else if (manualOnly === undefined || manualOnly === false)
    addNote(
      profile,
      'Copilot may pick it on its own when a task fits its description',
    )
  if (agent['user-invocable'] === false) {
    addNote(profile, 'user-invocable: false: only other agents start it')
    profile.triggers = profile.triggers.filter((t) => t !== 'chat')
  }
}
