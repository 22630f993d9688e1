import {
  asArray,
  asBoolean,
  asRecord,
  asString,
  asStrings,
  type DataRecord,
  entriesOf,
  isPlaceholder,
  isRecord,
  keysOf,
} from '../parse/data.js'
import type { Problem } from '../problems.js'
import { addNote, addTool, cite, pushUnique } from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import {
  addCredential,
  addScopedCredential,
  isCredentialName,
} from './credentials.js'
import { problem } from './result.js'

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
  const envNames = keysOf(config.env)
  const headerNames = keysOf(config.headers)
  const credentials = [...envNames, ...headerNames].filter(isCredentialName)
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
  return text.length > max ? `${text.slice(0, max - 3)}...` : text
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
    const image = containerImage(args)
    return image === undefined ? undefined : imagePinned(image)
  }
  const pkg = positional.find((arg) => !/^(dlx|exec|run|x|tool)$/.test(arg))
  if (!pkg) return undefined
  if (/@latest$/.test(pkg)) return false
  return /^@?[^@]+@\d/.test(pkg) || /==\d/.test(pkg)
}

/** `docker run` options that take a value as the next argument. */
const VALUE_FLAGS = new Set([
  '-e',
  '--env',
  '--env-file',
  '-v',
  '--volume',
  '--mount',
  '-p',
  '--publish',
  '--name',
  '--network',
  '--net',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--entrypoint',
  '--platform',
  '-l',
  '--label',
  '--add-host',
  '--cap-add',
  '--cap-drop',
  '--device',
  '--security-opt',
  '--tmpfs',
  '--pull',
  '-m',
  '--memory',
  '--cpus',
  '-h',
  '--hostname',
  '--restart',
  '--runtime',
  '--ulimit',
])

/**
 * The image of `docker run …` (also `podman`, `docker container run`): the
 * first argument after `run` that is neither an option nor an option's
 * value.
 */
function containerImage(args: readonly string[]): string | undefined {
  const run = args.indexOf('run')
  if (run < 0 || run > 1) return undefined
  for (let i = run + 1; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg.startsWith('-')) {
      if (!arg.includes('=') && VALUE_FLAGS.has(arg)) i++
      continue
    }
    return arg
  }
  return undefined
}

/**
 * An image is pinned by a digest, or by a tag other than `latest`; an
 * untagged image is `latest`, which moves.
 */
export function imagePinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/i.test(image)) return true
  const tag = /:([^/:@]+)$/.exec(image)?.[1]
  return tag !== undefined && tag.toLowerCase() !== 'latest'
}

// ---------------------------------------------------------------- MCP blocks

export interface McpBlockOptions {
  /** Line of a server entry; undefined when it cannot be told. */
  readonly lineOf?: (server: string) => number | undefined
  /** Dotted field of a server entry, for problems. */
  readonly fieldOf?: (server: string) => string
  /** Line used when lineOf has none (servers read from another file). */
  readonly fallbackLine?: number
  /** Host variables to replace before reading (`${extensionPath}`). */
  readonly substitute?: (text: string) => string
  /** Only these servers are enabled (Gemini `mcp.allowed`). */
  readonly allowed?: ReadonlySet<string>
  /** These servers are switched off (Gemini `mcp.excluded`). */
  readonly excluded?: ReadonlySet<string>
  /** The host ignores `trust` on these entries (Gemini extensions). */
  readonly trustIgnored?: boolean
}

/**
 * Adds the servers of an MCP block to a profile: tools, credentials, memory,
 * notes. Shared by every host format of the MCP family (client configs,
 * Gemini extensions, Claude Code plugins). Returns problems for entries that
 * are not objects; the other entries are still read.
 */
export function addMcpServers(
  profile: AgentProfile,
  servers: ReadonlyArray<readonly [string, unknown]>,
  file: string,
  options: McpBlockOptions = {},
): Problem[] {
  const problems: Problem[] = []
  for (const [name, raw] of servers) {
    const line = options.lineOf?.(name) ?? options.fallbackLine
    if (!isRecord(raw)) {
      problems.push(
        problem(file, line, `MCP server "${name}" must be an object`, {
          field: options.fieldOf?.(name),
          help: 'Give each server a command (stdio) or a url (remote).',
          level: 'warning',
        }),
      )
      continue
    }
    addServer(profile, name, raw, line, options)
  }
  return problems
}

function addServer(
  profile: AgentProfile,
  name: string,
  raw: DataRecord,
  line: number | undefined,
  options: McpBlockOptions,
): void {
  let entry = options.substitute ? substituted(raw, options.substitute) : raw
  if (options.trustIgnored && entry.trust !== undefined) {
    const { trust: _ignored, ...rest } = entry
    entry = rest
    addNote(
      profile,
      `MCP server ${name} sets trust, which the host ignores here: its tools still ask for confirmation`,
    )
  }
  const reading = mcpServerTool(name, entry, line)
  const offReason = reading.disabled
    ? 'is disabled'
    : options.excluded?.has(name)
      ? 'is excluded by the host settings'
      : options.allowed && !options.allowed.has(name)
        ? 'is not in the allowed server list'
        : undefined
  if (offReason) {
    addNote(profile, `MCP server ${name} ${offReason}: not counted as a tool`)
    return
  }
  addTool(profile, reading.tool)
  cite(profile, 'tools', line)
  for (const note of reading.notes) addNote(profile, note)
  for (const credential of reading.credentials) {
    addScopedCredential(profile, credential, line)
  }
  if (reading.memory) addServerMemory(profile, name, line)
  noteServerDetails(profile, name, entry)
}

/** What else a server entry says that a reviewer should see. */
function noteServerDetails(
  profile: AgentProfile,
  name: string,
  entry: DataRecord,
): void {
  const excluded = [
    ...asStrings(entry.excludeTools),
    ...asStrings(entry.disabledTools),
  ]
  if (excluded.length > 0)
    addNote(
      profile,
      `MCP server ${name} hides some of its tools (${excluded.slice(0, 6).join(', ')})`,
    )
  const envFile = asString(entry.envFile)
  if (envFile)
    addNote(
      profile,
      `MCP server ${name} reads more environment from ${envFile}: its credentials are not all listed here`,
    )
  const literal = [...entriesOf(entry.env), ...entriesOf(entry.headers)]
    .filter(
      ([key, value]) =>
        isCredentialName(key) &&
        typeof value === 'string' &&
        value.trim() !== '' &&
        !isPlaceholder(value) &&
        !/\$\{?[A-Za-z_]/.test(value),
    )
    .map(([key]) => key)
  if (literal.length > 0)
    addNote(
      profile,
      `MCP server ${name} has a literal value for ${literal.join(', ')} in the file: a secret may be committed to the repository`,
    )
}

/** The entry with host variables replaced in its strings (one level deep). */
function substituted(
  entry: DataRecord,
  substitute: (text: string) => string,
): DataRecord {
  const out: DataRecord = {}
  for (const [key, value] of Object.entries(entry)) {
    out[key] =
      typeof value === 'string'
        ? substitute(value)
        : Array.isArray(value)
          ? value.map((item) =>
              typeof item === 'string' ? substitute(item) : item,
            )
          : value
  }
  return out
}

/**
 * Records what a server reading tells besides its tool: its notes and the
 * names of its credentials. Whether the tool is added, and what a memory
 * server means, is the format's to say.
 */
export function recordServerReading(
  profile: AgentProfile,
  reading: McpServerReading,
): void {
  for (const note of reading.notes) addNote(profile, note)
  for (const credential of reading.credentials)
    addCredential(profile, credential)
}

/**
 * A memory server gives the agent persistent memory, held in that server
 * (listed once), cited at the line it was read from when there is one.
 */
export function addServerMemory(
  profile: AgentProfile,
  store: string,
  line?: number,
): void {
  profile.memory.kind = 'persistent'
  pushUnique(profile.memory.stores, store)
  cite(profile, 'memory', line)
}
