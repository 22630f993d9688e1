import {
  addNote,
  addTool,
  cite,
  classifyCodeTool,
  mcpServerTool,
  recordServerReading,
  type AgentProfile,
  type Tool as ProfileTool,
  type ToolKind,
} from '../../manifest/kit.js'
import type { Agent, McpServer, Tool } from './schema.js'

export interface ToolEntry {
  readonly tool: Tool
  readonly line: number | undefined
}

/** Tools that rewrite the agent's own memory (part of its prompt). */
export const MEMORY_EDITS =
  /^(core_memory_(append|replace)|memory_(insert|replace|rethink|finish_edits|apply_patch)|memory|archival_memory_insert|rethink_memory|finish_rethinking_memory)$/
const MEMORY_READS =
  /^(archival_memory_search|conversation_search|recall_memory_search)$/
const MULTI_AGENT = /^send_message_to_agent|^send_message_to_agents/

/** Letta's built-in tools, by name: a Map, so only these names are found. */
const BUILTIN_KINDS: ReadonlyMap<string, ToolKind> = new Map([
  ['web_search', 'search'],
  ['fetch_webpage', 'network'],
  ['run_code', 'code-exec'],
  ['open_files', 'file-read'],
  ['grep_files', 'file-read'],
  ['semantic_search_files', 'file-read'],
  ['send_message', 'other'],
])

export function readTool(profile: AgentProfile, entry: ToolEntry): void {
  const { tool } = entry
  const name = tool.name ?? tool.json_schema?.name
  if (!name) return
  const description = firstLine(
    tool.description ?? tool.json_schema?.description,
  )
  const type = tool.tool_type ?? ''
  const source = tool.source_code
  const kind = toolKind(name, type, description, source)
  const result: ProfileTool = {
    name,
    kind,
    description,
    line: entry.line,
    source: type.startsWith('letta')
      ? 'builtin'
      : type === 'external_mcp'
        ? 'mcp'
        : source
          ? 'code'
          : 'declared',
    readOnly: MEMORY_READS.test(name) ? true : undefined,
  }
  if (tool.default_requires_approval === true) {
    result.requiresApproval = true
  }
  addTool(profile, result)
  cite(profile, 'tools', entry.line)
  if (source) {
    addNote(
      profile,
      `tool ${name} embeds its ${tool.source_type === 'typescript' ? 'TypeScript' : 'Python'} source in the file: code the agent runs (not evaluated here)`,
    )
  }
  const packages = [...tool.pip_requirements, ...tool.npm_requirements]
  if (packages.length > 0) {
    addNote(profile, `tool ${name} installs packages: ${packages.join(', ')}`)
  }
  if (kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', entry.line)
  }
  if (MEMORY_EDITS.test(name)) {
    profile.autonomy.selfEditing = true
    profile.memory.writable = true
    cite(profile, 'autonomy', entry.line)
  }
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.trim().split('\n', 1)[0]?.trim()
  return line === '' ? undefined : line
}

function toolKind(
  name: string,
  type: string,
  description: string | undefined,
  source: string | undefined,
): ToolKind {
  if (MULTI_AGENT.test(name) || type === 'letta_multi_agent_core') {
    return 'agent-call'
  }
  if (MEMORY_READS.test(name)) return 'search'
  if (MEMORY_EDITS.test(name)) return 'other'
  const builtin = BUILTIN_KINDS.get(name)
  if (builtin) return builtin
  if (type === 'external_mcp') return 'mcp-server'
  return classifyCodeTool(name, description, source)
}

export function readToolRules(
  profile: AgentProfile,
  list: Agent['tool_rules'],
  line: number | undefined,
): void {
  const rules = list.filter((rule) => rule !== undefined)
  if (rules.length === 0) return
  const named = (type: string): string[] =>
    rules
      .filter((r) => r.type === type)
      .map((r) => r.tool_name)
      .filter((n): n is string => n !== undefined)
  for (const tool of named('requires_approval')) {
    const target = profile.tools.find((t) => t.name === tool)
    if (target) target.requiresApproval = true
  }
  const first = named('run_first')
  const exits = [...named('exit_loop'), ...named('terminal')]
  const parts: string[] = []
  if (first.length > 0) parts.push(`starts with ${first.join(', ')}`)
  if (exits.length > 0) parts.push(`stops after ${exits.join(' or ')}`)
  // Only a string names a rule type; String() of a hostile mapping (a
  // `toString` key that is not a function) would throw.
  const branching = rules.filter(
    (r) =>
      typeof r.type === 'string' &&
      /conditional|constrain_child_tools|child/.test(r.type),
  ).length
  if (branching > 0)
    parts.push(`${branching} rule(s) fix which tool may follow which`)
  if (parts.length > 0) {
    addNote(profile, `tool rules constrain its loop: ${parts.join('; ')}`)
  }
  if (first.length > 0 && exits.length > 0) {
    profile.autonomy.planning = false
    cite(profile, 'autonomy', line)
  }
  const approvals = profile.tools.filter((t) => t.requiresApproval === true)
  if (approvals.length > 0 && approvals.length === profile.tools.length) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', line)
  }
}

export function addMcp(
  profile: AgentProfile,
  server: McpServer,
  line: number | undefined,
): void {
  const stdio = server.stdio_config
  const name = server.server_name ?? server.name ?? 'mcp'
  const reading = mcpServerTool(
    name,
    {
      ...stdio,
      url: server.server_url,
      type: server.server_type ?? stdio?.type,
      headers: server.custom_headers,
    },
    line,
  )
  addTool(profile, reading.tool)
  recordServerReading(profile, reading)
}
