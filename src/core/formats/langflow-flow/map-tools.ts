import {
  addNote,
  addTool,
  cite,
  classifyTool,
  mcpServerTool,
  recordServerReading,
  type AgentProfile,
  type Tool,
  type ToolKind,
} from '../../manifest/kit.js'
import {
  readEdited,
  readSecrets,
  type Flow,
  type FlowNode,
} from './map-flow.js'

const COMPONENT_KINDS: ReadonlyArray<readonly [RegExp, ToolKind, boolean?]> = [
  [/PythonREPL|PythonCode|PythonFunction|CodeInterpreter|Python/i, 'code-exec'],
  [/Shell|Bash|Terminal/i, 'shell'],
  [
    /SQL|Database|Postgres|Mongo|Redis|Cassandra|AstraDB(?!Vector)/i,
    'database',
  ],
  [/Gmail|Slack|Email|Outlook|Discord|Telegram|Twilio/i, 'email'],
  [/Browser|Playwright|Selenium/i, 'browser'],
  [/RunFlow|FlowTool|SubFlow/i, 'agent-call'],
  [/SaveToFile|WriteFile|FileWriter/i, 'file-write'],
  [/Directory|^File$|ReadFile/i, 'file-read', true],
  [
    /Search|Tavily|Serp|Wikipedia|ArXiv|Exa|DuckDuckGo|YouTube|Retriever|Vector|Chroma|Qdrant|Pinecone/i,
    'search',
    true,
  ],
  [/APIRequest|URL|Fetch|Scrape|Crawl|Firecrawl|Http/i, 'network'],
  [/Calculator|CurrentDate/i, 'other', true],
]

/** A component wired into an agent's tools: one tool per action it offers. */
export function addToolNode(
  flow: Flow,
  profile: AgentProfile,
  node: FlowNode,
  line: number | undefined,
): void {
  cite(profile, 'tools', line)
  readSecrets(flow, profile, node)
  readEdited(profile, node)
  if (/MCP/i.test(node.type)) {
    addMcpNode(profile, node, line)
    return
  }
  const known = COMPONENT_KINDS.find(([pattern]) => pattern.test(node.type))
  const description = node.description
  const kind = known?.[1] ?? classifyTool(node.type, description)
  const names = (node.template.tools_metadata ?? [])
    .filter((a) => a?.status !== false)
    .map((a) => a?.name)
    .filter((n): n is string => n !== undefined)
  for (const toolName of names.length > 0 ? names : [node.title]) {
    const tool: Tool = {
      name: toolName,
      kind,
      description,
      line,
      source: 'builtin',
      readOnly: known?.[2],
    }
    addTool(profile, tool)
  }
  if (kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
  }
  if (kind === 'agent-call') {
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
    addNote(
      profile,
      `tool ${node.title} runs another Langflow flow; it is not inspected`,
    )
  }
}

/** An MCP component: its server (stored, or a command or URL) as one tool. */
function addMcpNode(
  profile: AgentProfile,
  node: FlowNode,
  line: number | undefined,
): void {
  const t = node.template
  const server = t.mcp_server
  const entry: Record<string, unknown> = { ...(server?.config ?? {}) }
  const command = t.command
  const url = t.url ?? t.sse_url
  if (command && !entry.command) {
    const [cmd, ...args] = command.split(/\s+/)
    entry.command = cmd
    entry.args = args
  }
  if (url && !entry.url) entry.url = url
  if (t.env && !entry.env) entry.env = t.env
  const name = server?.name ?? node.title
  const reading = mcpServerTool(name, entry, line)
  addTool(profile, t.tool ? { ...reading.tool, wildcard: false } : reading.tool)
  recordServerReading(profile, reading)
}

const PERSISTENT_MEMORY =
  /Redis|Mem0|Zep|Cassandra|AstraDB|Mongo|Postgres|Elastic/i

/** A memory component: it replaces the agent's own message history. */
export function readMemoryNode(
  profile: AgentProfile,
  node: FlowNode,
  line: number | undefined,
): void {
  profile.memory.stores = profile.memory.stores.filter(
    (s) => !s.startsWith('Langflow message history'),
  )
  profile.memory.stores.push(node.type)
  if (PERSISTENT_MEMORY.test(node.type)) {
    profile.memory.kind = 'persistent'
    profile.memory.writable = true
  } else {
    profile.memory.kind = 'session'
  }
  cite(profile, 'memory', line)
}
