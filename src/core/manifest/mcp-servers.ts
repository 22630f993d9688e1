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

/**
 * Known servers and packages, by a word in their name, package or endpoint.
 * Words are matched whole (`exa` is not "example"), and the runner that
 * starts a server (`npx`, `docker`) and a URL's scheme never count.
 */
// prettier-ignore
const KNOWN_SERVERS: ReadonlyArray<readonly [RegExp, ToolKind]> = [
  [/\b(desktop-commander|shell|terminal|exec|command-runner|ssh|bash|iterm|tmux|kali|metasploit|nmap|velociraptor|burp\w*)\b/i, 'shell'],
  [/\b(code-?interpreter|python-?repl|jupyter|e2b|run-?python|node-?repl|code-?executor|riza)\b/i, 'code-exec'],
  [/\b(stripe|paypal|payments?|1inch|coinbase|wallet|x402|solana|ethereum|web3|blockchain|swap)\b/i, 'payments'],
  [/\b(aws|azure|gcp|google-cloud|cloudflare|kubernetes|k8s|kubectl|terraform|pulumi|vercel|netlify|heroku|github\w*|gitlab|bitbucket|jenkins|circleci|argocd|home-?assistant|nginx\w*)\b/i, 'cloud-admin'],
  [/\b(postgres\w*|mysql|sqlite|mongo\w*|redis|supabase|neon|snowflake|bigquery|database|db|sql|elasticsearch|clickhouse|dynamo\w*)\b/i, 'database'],
  [/\b(slack|gmail|e?mail|outlook|discord|telegram|twilio|whatsapp|sendgrid|mailgun|teams|sms)\b/i, 'email'],
  [/\b(playwright|puppeteer|browser\w*|chrome|selenium|browserbase|stagehand)\b/i, 'browser'],
  [/\b(filesystem|file-?system|files?|fs)\b/i, 'file-write'],
  [/\b(knowledge(-?base)?|rag|brave-?search|tavily|exa|serp\w*|perplexity|duckduckgo|google-?search|bing|kagi|context7|docs|wikipedia|arxiv|search)\b/i, 'search'],
  [/\b(fetch|curl|scrape|firecrawl|crawl\w*|web)\b/i, 'network'],
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
  const description = asString(config.description)
  const identity = serverIdentity(name, command, args, url)
  const kind = serverKind(identity, description)
  const pinned =
    transport === 'stdio' ? packagePinned(command, args) : undefined
  if (pinned === false)
    notes.push(
      `MCP server ${name} runs an unpinned package (${clip([command, ...args].join(' '), 100)})`,
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
      description,
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

/**
 * The kind of tool a server is, from words in what identifies it (see
 * serverIdentity), then in its description; `mcp-server` when neither says.
 */
export function serverKind(identity: string, description?: string): ToolKind {
  const find = (text: string): ToolKind | undefined =>
    KNOWN_SERVERS.find(([pattern]) => pattern.test(text))?.[1]
  return (
    find(identity) ??
    (description ? find(description) : undefined) ??
    'mcp-server'
  )
}

/**
 * The words that say what a server is: its name, the package or image it
 * runs (not the runner), and its endpoint's host and path (not the scheme).
 */
export function serverIdentity(
  name: string,
  command: string | undefined,
  args: readonly string[],
  url: string | undefined,
): string {
  const base = command?.split(/[\\/]/).pop() ?? ''
  const words = [name]
  if (command && !RUNNERS.test(base)) words.push(command)
  words.push(
    ...args.filter(
      (arg) =>
        !arg.startsWith('-') && !/^(run|exec|dlx|x|tool|start)$/.test(arg),
    ),
  )
  if (url) words.push(url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))
  return words.join(' ')
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
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
  // A path into the repository (./server.js, ${PLUGIN_ROOT}/bin/x) is code
  // that changes only with a commit.
  if (/^(\.{1,2}\/|\/|\$\{)/.test(command)) return true
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
