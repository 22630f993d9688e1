import {
  asArray,
  asBoolean,
  asRecord,
  asString,
  asStrings,
  entriesOf,
  isPlaceholder,
} from '../parse/data.js'
import type { Tool, ToolKind } from '../profile/schema.js'

/**
 * One MCP server entry, as the many client configurations write it (Claude
 * Code `.mcp.json`, Cursor, VS Code `servers`, Claude Desktop, Gemini, Codex
 * TOML, Copilot agents' `mcp-servers`, ADK `MCPToolset`…), turned into a tool.
 *
 * A server exposes every tool it has unless the entry filters them, so the
 * tool is a wildcard. Its kind comes from what the server is (a filesystem
 * server writes files, a Playwright server drives a browser); an unknown
 * server stays `mcp-server`. Environment variables and headers are kept by
 * name only: their values are often secrets.
 */
export interface McpServerReading {
  readonly tool: Tool
  /** Names of env vars and headers that carry credentials. */
  readonly credentials: readonly string[]
  /** What the report should say about this server. */
  readonly notes: readonly string[]
  /** The server gives the agent long-term memory (a memory server). */
  readonly memory: boolean
  /** The entry is switched off (`disabled: true`). */
  readonly disabled: boolean
}

/** Known servers and packages, by a word in their name, command or package. */
const KNOWN_SERVERS: ReadonlyArray<readonly [RegExp, ToolKind]> = [
  [
    /desktop-commander|\bshell\b|terminal|\bexec\b|command-runner|ssh|\bbash\b|iterm|tmux/i,
    'shell',
  ],
  [
    /code-?interpreter|python-?repl|jupyter|e2b|run-?python|node-?repl|code-?executor|riza/i,
    'code-exec',
  ],
  [
    /stripe|paypal|payment|1inch|coinbase|wallet|x402|solana|ethereum|web3|blockchain|\bswap\b/i,
    'payments',
  ],
  [
    /aws|azure|gcp|google-cloud|cloudflare|kubernetes|k8s|kubectl|terraform|pulumi|docker|vercel|netlify|heroku|github|gitlab|bitbucket|jenkins|circleci|argocd|home-?assistant|nginx/i,
    'cloud-admin',
  ],
  [
    /postgres|mysql|sqlite|mongo|redis|supabase|neon|snowflake|bigquery|database|\bdb\b|\bsql\b|elasticsearch|clickhouse|dynamo/i,
    'database',
  ],
  [
    /slack|gmail|email|outlook|discord|telegram|twilio|whatsapp|sendgrid|mailgun|teams|\bsms\b/i,
    'email',
  ],
  [
    /playwright|puppeteer|browser|chrome|selenium|browserbase|stagehand/i,
    'browser',
  ],
  [/filesystem|file-?system|\bfiles?\b|\bfs\b/i, 'file-write'],
  [
    /brave-?search|tavily|exa|serp|perplexity|duckduckgo|google-?search|bing|kagi|context7|docs|wikipedia|arxiv|search/i,
    'search',
  ],
  [/fetch|http|curl|scrape|firecrawl|crawl|web/i, 'network'],
]

const MEMORY_SERVER =
  /server-memory|mem0|memory|graphiti|zep|letta|knowledge-?graph|chroma|qdrant|pinecone|weaviate/i
const AUTO_APPROVE_KEYS = [
  'autoApprove',
  'alwaysAllow',
  'trust',
  'auto_approve',
  'autoapprove',
]
const RUNNERS = /^(npx|bunx|pnpx|uvx|pipx|yarn|pnpm|bun|deno|docker|podman)$/i

export function mcpServerTool(
  name: string,
  entry: unknown,
  line?: number,
): McpServerReading {
  const config = asRecord(entry) ?? {}
  const command = asString(config.command)
  const args = asStrings(config.args)
  const url =
    asString(config.url) ??
    asString(config.serverUrl) ??
    asString(config.httpUrl) ??
    asString(config.uri)
  const declaredType = (
    asString(config.type) ??
    asString(config.transport) ??
    ''
  ).toLowerCase()
  const transport = declaredType.includes('sse')
    ? 'sse'
    : declaredType.includes('http') ||
        (url !== undefined && command === undefined)
      ? 'http'
      : command !== undefined || declaredType === 'stdio'
        ? 'stdio'
        : 'unknown'
  const envNames = entriesOf(config.env).map(([key]) => key)
  const headerNames = entriesOf(config.headers).map(([key]) => key)
  const credentials = [...envNames, ...headerNames].filter((key) =>
    /key|token|secret|pass|auth|credential|cookie|bearer/i.test(key),
  )
  const notes: string[] = []
  const identity = [name, command ?? '', ...args, url ?? ''].join(' ')
  const kind = serverKind(identity)
  const pinned =
    transport === 'stdio' ? packagePinned(command, args) : undefined
  if (pinned === false)
    notes.push(
      `MCP server ${name} runs an unpinned package (${[command, ...args].join(' ').slice(0, 80)})`,
    )
  if (
    transport !== 'stdio' &&
    url !== undefined &&
    headerNames.length === 0 &&
    !/oauth/i.test(JSON.stringify(config.auth ?? ''))
  ) {
    notes.push(
      `MCP server ${name} is remote (${url}) with no authentication header declared`,
    )
  }
  if ([command, url, ...args].some(isPlaceholder))
    notes.push(
      `MCP server ${name} is configured through placeholders resolved at run time`,
    )
  const autoApproved = AUTO_APPROVE_KEYS.some((key) => {
    const value = config[key]
    return value === true || (asArray(value)?.length ?? 0) > 0
  })
  if (autoApproved)
    notes.push(
      `MCP server ${name} has tools approved in advance (no confirmation)`,
    )
  const filtered = asStrings(
    config.tools ??
      config.includeTools ??
      config.allowedTools ??
      config.enabled_tools,
  )
  return {
    tool: {
      name,
      kind,
      line,
      source: 'mcp',
      wildcard: filtered.length === 0 || filtered.includes('*'),
      requiresApproval: autoApproved ? false : undefined,
      server: {
        transport,
        command,
        args: args.length > 0 ? args : undefined,
        url,
        env:
          envNames.length + headerNames.length > 0
            ? [...envNames, ...headerNames]
            : undefined,
        pinned,
      },
    },
    credentials,
    notes,
    memory: MEMORY_SERVER.test(identity),
    disabled:
      asBoolean(config.disabled) === true ||
      asBoolean(config.enabled) === false,
  }
}

/** The kind of tool a server is, from words in its name, command or package. */
export function serverKind(identity: string): ToolKind {
  return (
    KNOWN_SERVERS.find(([pattern]) => pattern.test(identity))?.[1] ??
    'mcp-server'
  )
}

/**
 * Whether a stdio server's package is pinned to a version: `npx pkg@1.2.3`,
 * `uvx pkg==1.2`, a docker image by digest or tag. Local scripts count as
 * pinned (they are in the repository); undefined when it cannot be told.
 */
function packagePinned(
  command: string | undefined,
  args: readonly string[],
): boolean | undefined {
  if (!command) return undefined
  const base = command.split(/[\\/]/).pop() ?? command
  if (!RUNNERS.test(base))
    return /^(node|python3?|\.|\/)/.test(base) || base.endsWith('.js')
      ? true
      : undefined
  const positional = args.filter((arg) => !arg.startsWith('-'))
  if (/^(docker|podman)$/i.test(base)) {
    const image = positional.find(
      (arg, index) => index > 0 && /[/:]/.test(arg) && !arg.includes('='),
    )
    if (!image) return undefined
    return (
      /@sha256:/.test(image) ||
      (/:[^/]+$/.test(image) && !/:latest$/.test(image))
    )
  }
  const pkg = positional.find((arg) => !/^(dlx|exec|run|x|tool)$/.test(arg))
  if (!pkg) return undefined
  if (/@latest$/.test(pkg)) return false
  return /^@?[^@]+@\d/.test(pkg) || /==\d/.test(pkg)
}
