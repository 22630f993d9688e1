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
import type { McpServer, Tool as ToolEntry } from './schema.js'

/** The last segment of a plugin provider path (`langgenius/openai/openai`). */
export function providerName(provider: string | undefined): string | undefined {
  if (!provider) return undefined
  return provider.slice(provider.lastIndexOf('/') + 1) || provider
}

const PROVIDER_KINDS: ReadonlyArray<readonly [RegExp, ToolKind]> = [
  [/code|sandbox|python|jupyter/i, 'code-exec'],
  [/shell|terminal|command/i, 'shell'],
  [/webscraper|jina|firecrawl|crawl|spider|scrape|http|request/i, 'network'],
  [
    /search|google|bing|tavily|duckduckgo|searxng|serp|wikipedia|arxiv|pubmed|brave|exa/i,
    'search',
  ],
  [
    /email|mail|slack|dingtalk|feishu|lark|wecom|discord|telegram|twilio/i,
    'email',
  ],
  [/sql|database|postgres|mysql|mongo|redis|supabase/i, 'database'],
]

export function readTool(
  profile: AgentProfile,
  entry: ToolEntry,
  line: number | undefined,
): void {
  if (!entry) return
  const { name } = entry
  if (entry.enabled === false) {
    addNote(profile, `tool ${name} is listed but disabled`)
    return
  }
  // A tool that names no provider type is one of Dify's own.
  const type = entry.type ?? 'builtin'
  const tool = toolOf(name, entry.provider ?? '', type, entry.description, line)
  addTool(profile, tool)
  if (type === 'workflow') {
    addNote(
      profile,
      `tool ${name} runs another Dify app; what it does is not inspected`,
    )
  }
  if (tool.kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
  }
}

function toolOf(
  name: string,
  provider: string,
  type: string,
  description: string | undefined,
  line: number | undefined,
): Tool {
  const short = providerName(provider)
  const label = short && short !== name ? `${short}/${name}` : name
  if (type === 'mcp') {
    return { name: label, kind: 'mcp-server', description, line, source: 'mcp' }
  }
  if (type === 'api') {
    return {
      name: label,
      kind: 'network',
      description,
      line,
      source: 'openapi',
    }
  }
  if (type === 'workflow') {
    return {
      name: label,
      kind: 'agent-call',
      description,
      line,
      source: 'plugin',
    }
  }
  const words = `${provider} ${name}`
  const kind =
    PROVIDER_KINDS.find(([pattern]) => pattern.test(words))?.[1] ??
    classifyTool(name, description)
  return {
    name: label,
    kind,
    description,
    line,
    source: type === 'builtin' ? 'builtin' : 'plugin',
  }
}

// ---------------------------------------------------------------- MCP

/** An agent node's `mcp_server`: configured servers, or server URLs. */
export function readMcpServer(
  profile: AgentProfile,
  server: McpServer,
  line: number | undefined,
): void {
  for (const [name, entry] of server.servers) addMcp(profile, name, entry, line)
  server.urls
    .filter((url) => url.trim() !== '')
    .forEach((url, index) =>
      addMcp(
        profile,
        index === 0 ? 'mcp_server' : `mcp_server_${index + 1}`,
        { url, type: /\/sse\b/i.test(url) ? 'sse' : 'http' },
        line,
      ),
    )
}

function addMcp(
  profile: AgentProfile,
  name: string,
  entry: Readonly<Record<string, unknown>>,
  line: number | undefined,
): void {
  const reading = mcpServerTool(name, entry, line)
  addTool(profile, reading.tool)
  cite(profile, 'tools', line)
  recordServerReading(profile, reading)
}
