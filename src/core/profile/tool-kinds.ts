import { TOOL_KINDS, type ToolKind } from './schema.js'

/**
 * Guessing a tool's kind from its name (and description) when the manifest
 * does not say. Formats that know a tool's kind (a Claude Code `Bash`, a
 * CrewAI `CodeInterpreterTool`) set it directly; this table serves the rest.
 *
 * Order matters: the first row that matches wins, so the more specific and
 * more dangerous kinds come first (`execute_code` is code, not a shell).
 */
const NAME_PATTERNS: ReadonlyArray<readonly [ToolKind, RegExp]> = [
  [
    'code-exec',
    /\b(code_?interpreter|python(_?repl)?|repl|jupyter|notebook|eval|run_?code|execute_?code|sandbox_?exec|code_?exec(ution)?)\b/,
  ],
  [
    'shell',
    /\b(bash|shell|terminal|command|cmd|exec(ute)?_?(command|shell)?|run_?command|subprocess|powershell|zsh|sh)\b/,
  ],
  [
    'payments',
    /\b(payments?|stripe|paypal|charge|refund|invoice|billing|checkout|transfer_?funds|wallet|x402|swap|trade)\b/,
  ],
  [
    'cloud-admin',
    /\b(aws|gcp|azure|kubectl|kubernetes|k8s|terraform|deploy(ment)?|helm|iam|ec2|s3|lambda|cloud|docker|github_?actions|ci_?cd|admin)\b/,
  ],
  [
    'database',
    /\b(sql|postgres(ql)?|mysql|sqlite|mongo(db)?|redis|database|db|query|bigquery|snowflake|supabase|dynamo(db)?|elasticsearch)\b/,
  ],
  [
    'email',
    /\b(e?mail|smtp|gmail|outlook|slack|teams|discord|telegram|sms|twilio|whatsapp|send_?message|notify|post_?message|chat_?post)\b/,
  ],
  [
    'browser',
    /\b(browser|playwright|puppeteer|selenium|chrome|web_?browser|navigate|screenshot)\b/,
  ],
  [
    'file-write',
    /\b(write|edit|multi_?edit|create_?file|delete_?file|apply_?patch|patch|save|str_?replace|move_?file|rm|mkdir|upload)\b/,
  ],
  [
    'search',
    /\b(search|serp(api)?|google|bing|tavily|brave|duckduckgo|exa|wikipedia|arxiv|lookup|retriev(e|al)|rag|knowledge)\b/,
  ],
  [
    'network',
    /\b(http|https|fetch|web_?fetch|request|curl|wget|api|rest|graphql|webhook|url|scrape|crawl)\b/,
  ],
  [
    'file-read',
    /\b(read|view|cat|ls|list_?(dir|files)|glob|grep|open_?file|file_?read|directory|filesystem|fs)\b/,
  ],
  [
    'agent-call',
    /\b(agent|sub_?agent|task|delegate|handoff|transfer_?to|a2a|crew)\b/,
  ],
]

/** Splits camelCase and punctuation so that `WebFetch` reads as `web fetch`. */
function words(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, ' ')
    .replace(/_/g, ' ')
    .toLowerCase()
}

/** The kind a tool's name suggests, or `other` when nothing does. */
export function classifyTool(name: string, description?: string): ToolKind {
  const byName = matchKind(words(name)) ?? matchKind(name.toLowerCase())
  if (byName) return byName
  return description ? (matchKind(words(description)) ?? 'other') : 'other'
}

function matchKind(text: string): ToolKind | undefined {
  const spaced = text.replace(/ /g, '_')
  for (const [kind, pattern] of NAME_PATTERNS) {
    if (pattern.test(text) || pattern.test(spaced)) return kind
  }
  return undefined
}

/** What embedded source reaches for, read as text (never run). */
const CODE_SIGNS: ReadonlyArray<readonly [ToolKind, RegExp]> = [
  ['shell', /\b(subprocess|os\.system|os\.popen|child_process|execSync)\b/],
  ['code-exec', /\b(eval|exec)\s*\(/],
  ['email', /\b(smtplib|nodemailer|sendgrid)\b/],
  ['database', /\b(sqlite3|psycopg2?|pymysql|sqlalchemy|pymongo|redis)\b/],
  [
    'file-write',
    /open\([^)]*['"][wa]b?\+?['"]|\bwrite_text\(|\bunlink\(|\bshutil\b/,
  ],
  ['network', /\b(requests|httpx|urllib|aiohttp|socket)\b|\bfetch\(/],
]

/**
 * The kind a tool's embedded source code suggests (Python or JavaScript a
 * manifest carries), from what it imports and calls; undefined when nothing
 * does. The source is read as text, never run.
 */
export function kindOfSource(source: string): ToolKind | undefined {
  return CODE_SIGNS.find(([, pattern]) => pattern.test(source))?.[0]
}

/**
 * The kind of a tool that may carry its source: what its name (and
 * description) suggests, else what its source reaches for.
 */
export function classifyCodeTool(
  name: string,
  description: string | undefined,
  source: string | undefined,
): ToolKind {
  const byName = classifyTool(name, description)
  if (byName !== 'other' || !source) return byName
  return kindOfSource(source) ?? 'other'
}

/** Aliases users write for kinds in descriptors and policies. */
const KIND_ALIASES: Readonly<Record<string, ToolKind>> = {
  http: 'network',
  'network/http': 'network',
  web: 'network',
  messaging: 'email',
  'email/messaging': 'email',
  chat: 'email',
  cloud: 'cloud-admin',
  admin: 'cloud-admin',
  'cloud/admin': 'cloud-admin',
  code: 'code-exec',
  'code-execution': 'code-exec',
  exec: 'shell',
  mcp: 'mcp-server',
  agent: 'agent-call',
  'sub-agent': 'agent-call',
  payment: 'payments',
  db: 'database',
  sql: 'database',
  'file-edit': 'file-write',
  filesystem: 'file-read',
}

/** Canonical kind for a user-written kind, or undefined if unknown. */
export function normalizeToolKind(value: string): ToolKind | undefined {
  const key = value.trim().toLowerCase().replace(/_/g, '-')
  if ((TOOL_KINDS as readonly string[]).includes(key)) return key as ToolKind
  return KIND_ALIASES[key]
}

export const TOOL_KIND_HELP = `${TOOL_KINDS.join(', ')} (aliases: ${Object.keys(KIND_ALIASES).join(', ')})`

/** Kinds that change things outside the agent: they write, send, pay or run. */
export const SIDE_EFFECT_KINDS: ReadonlySet<ToolKind> = new Set([
  'network',
  'shell',
  'code-exec',
  'file-write',
  'database',
  'email',
  'payments',
  'cloud-admin',
  'browser',
  'mcp-server',
])

/** Kinds whose misuse reaches critical systems directly. */
export const HIGH_AUTHORITY_KINDS: ReadonlySet<ToolKind> = new Set([
  'shell',
  'code-exec',
  'payments',
  'cloud-admin',
  'database',
])

/** Kinds that bring outside content into the agent's context. */
export const CONTEXT_KINDS: ReadonlySet<ToolKind> = new Set([
  'search',
  'browser',
  'network',
  'file-read',
  'database',
  'email',
  'mcp-server',
])

const READ_VERBS =
  /^(read|get|list|search|lookup|look_up|find|fetch|query|describe|view|show|inspect|check|count|browse|retrieve|load|download|peek|stat|glob|grep|ls|cat)(?=$|[_\-\s.:/]|[A-Z])/i

/**
 * Whether a tool only reads: what the manifest says, else what its name's
 * leading verb says (`read_ledger`, `getInvoice`, `list_files`).
 */
export function isReadOnlyTool(tool: {
  readonly name: string
  readonly readOnly?: boolean | undefined
}): boolean {
  return (
    tool.readOnly ??
    READ_VERBS.test(tool.name.replace(/^[a-z0-9-]+(__|\/)/i, ''))
  )
}

/** Leading verbs of tools that change something, whatever their kind. */
const WRITE_VERBS =
  /^(create|update|delete|remove|add|set|put|post|patch|send|reply|forward|book|reserve|cancel|submit|approve|reject|transfer|deploy|restart|stop|start|kill|terminate|write|edit|modify|move|rename|upload|publish|schedule|pay|refund|charge|order|purchase|buy|sell|grant|revoke|assign|close|merge|push|commit|insert|upsert|drop|execute|run|trigger|invoke|call|launch|provision|scale|freeze|block|ban|archive|share|invite)(?=$|[_\-\s.:/]|[A-Z])/i

/**
 * Whether a tool can change things: a kind that does, or — for tools whose
 * kind says nothing (`other`) — a name that starts with an action verb
 * (`reserve_vacation_time`, `restartService`). Read-only tools never do.
 */
export function changesThings(tool: {
  readonly name: string
  readonly kind: ToolKind
  readonly readOnly?: boolean | undefined
}): boolean {
  if (isReadOnlyTool(tool)) return false
  if (SIDE_EFFECT_KINDS.has(tool.kind)) return true
  return (
    tool.kind === 'other' &&
    WRITE_VERBS.test(tool.name.replace(/^[a-z0-9-]+(__|\/)/i, ''))
  )
}
