import {
  addNote,
  addTool,
  cite,
  classifyTool,
  isPlaceholder,
  mcpServerTool,
  pushUnique,
  type AgentProfile,
  type Tool,
  type ToolKind,
} from '../../manifest/kit.js'
import {
  BASE,
  inbound,
  readCredentials,
  shortType,
  type Graph,
  type Reader,
  type WorkflowNode,
} from './map-workflow.js'
import type { ToolParams } from './schema.js'

/** Review steps tools plug into: the tool runs only once a human approves. */
function isReviewGate(graph: Graph, node: WorkflowNode): boolean {
  const feeds = graph.edges.some(
    (e) => e.to === node.name && e.type === 'ai_tool',
  )
  return (
    feeds &&
    (/hitl|review|approval/i.test(node.type) ||
      node.params.review.operation === 'sendAndWait')
  )
}

export function readTools(
  reader: Reader,
  graph: Graph,
  profile: AgentProfile,
  tools: readonly WorkflowNode[],
): void {
  let scoped = false
  for (const node of tools) {
    if (isReviewGate(graph, node)) {
      const gated = inbound(graph, node.name, 'ai_tool')
      for (const inner of gated) {
        scoped = addToolNode(reader, profile, inner, true) || scoped
      }
      addNote(
        profile,
        `tools behind the human review step "${node.name}" run only once approved: ${gated.map((n) => n.name).join(', ')}`,
      )
      continue
    }
    scoped = addToolNode(reader, profile, node, undefined) || scoped
  }
  const first = tools[0]
  if (first) cite(profile, 'tools', reader.doc.lineOf(first.path))
  if (profile.identity.credentials.length > 0) {
    profile.identity.kind = scoped ? 'scoped' : 'fixed'
  }
  const approvals = profile.tools.filter((t) => t.requiresApproval === true)
  if (approvals.length > 0 && approvals.length === profile.tools.length) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', approvals[0]?.line)
  }
}

/** Adds the tool a node stands for; true when it carries its own credential. */
function addToolNode(
  reader: Reader,
  profile: AgentProfile,
  node: WorkflowNode,
  gated: true | undefined,
): boolean {
  const line = reader.doc.lineOf(node.path)
  const credentials = readCredentials(profile, node)
  const type = shortType(node.type)
  if (type === 'mcpClientTool') {
    addMcpTool(profile, node, line, gated)
    return credentials.length > 0
  }
  const tool = toolOf(node, type, line)
  if (gated) tool.requiresApproval = true
  addTool(profile, tool)
  if (type === 'toolCode' || type === 'code') {
    const language = node.params.tool.language ?? 'javaScript'
    addNote(
      profile,
      `tool ${node.name} runs ${language} code embedded in the workflow (not evaluated here)`,
    )
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
    readCodeReach(profile, node, line)
  }
  if (type === 'toolThink') {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', line)
  }
  if (type === 'toolWorkflow' || type === 'executeWorkflowTool') {
    addNote(
      profile,
      `tool ${node.name} runs another workflow (${workflowRef(node.params.tool)}); what that workflow does is not inspected`,
    )
  }
  if (type === 'toolHttpRequest' || type === 'httpRequestTool') {
    const url = node.params.tool.url
    if (url && isPlaceholder(url)) {
      addNote(profile, `tool ${node.name} requests a URL the model fills in`)
    }
  }
  return credentials.length > 0
}

/** A database client or an SQL statement in a code tool's code. */
const DATABASE_CODE =
  /\b(sqlite3|psycopg2?|pymysql|mysql\.connector|sqlalchemy|asyncpg|MongoClient|pg\.(?:Client|Pool)|mysql2|better-sqlite3|knex|redis)\b|\b(?:SELECT\s[\s\S]{0,200}?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/i

/**
 * What a code tool's code reaches: one that opens a database or runs SQL
 * is a database tool as well as code, so the data it holds counts as
 * reached beyond the agent. Read as text, never run.
 */
function readCodeReach(
  profile: AgentProfile,
  node: WorkflowNode,
  line: number | undefined,
): void {
  const { jsCode, pythonCode } = node.params.tool
  const code = `${jsCode ?? ''}\n${pythonCode ?? ''}`
  if (!DATABASE_CODE.test(code)) return
  addTool(profile, {
    name: `${node.name} (database)`,
    kind: 'database',
    line,
    source: 'code',
  })
  addNote(profile, `tool ${node.name}'s code opens a database or runs SQL`)
}

function workflowRef({ workflowId: id, source }: ToolParams): string {
  return id.cachedResultName ?? id.value ?? id.text ?? source ?? 'unnamed'
}

/** LangChain tool nodes by type; a Map, so `constructor` finds nothing. */
const LC_TOOLS: ReadonlyMap<string, ToolKind> = new Map<string, ToolKind>([
  ['toolCode', 'code-exec'],
  ['code', 'code-exec'],
  ['toolHttpRequest', 'network'],
  ['toolWorkflow', 'agent-call'],
  ['agentTool', 'agent-call'],
  ['toolA2A', 'agent-call'],
  ['toolVectorStore', 'search'],
  ['toolSerpApi', 'search'],
  ['toolWikipedia', 'search'],
  ['toolWolframAlpha', 'search'],
  ['toolSearXng', 'search'],
  ['toolSearchApi', 'search'],
  ['toolPerplexity', 'search'],
  ['toolCalculator', 'other'],
  ['toolThink', 'other'],
  ['toolBrowserUse', 'browser'],
  ['toolComputerUse', 'shell'],
  ['toolDataTableSql', 'database'],
  ['toolDataTableSqlQuery', 'database'],
  ['toolN8n', 'cloud-admin'],
])

/** App nodes used as tools (`n8n-nodes-base.<service>Tool`), by service. */
const SERVICES: ReadonlyArray<readonly [RegExp, ToolKind]> = [
  [/^(executeCommand|ssh)/i, 'shell'],
  [/^(stripe|payPal|chargebee|paddle)/i, 'payments'],
  [
    /^(aws|googleCloud|azure|github|gitlab|bitbucket|cloudflare|n8n$)/i,
    'cloud-admin',
  ],
  [
    /^(postgres|mySql|microsoftSql|mongoDb|redis|supabase|snowflake|googleBigQuery|airtable|baserow|nocoDb|googleSheets|microsoftExcel|notion|dataTable)/i,
    'database',
  ],
  [
    /^(gmail|emailSend|microsoftOutlook|slack|telegram|discord|microsoftTeams|whatsApp|twilio|sendGrid|mailgun|mattermost|matrix)/i,
    'email',
  ],
  [
    /^(googleDrive|googleDocs|dropbox|box|oneDrive|microsoftOneDrive|readWriteFile|ftp)/i,
    'file-write',
  ],
  [/^httpRequest/i, 'network'],
]

const READ_OPERATIONS = /^(get|getAll|list|search|read|lookup|find|download)/i

function toolOf(
  node: WorkflowNode,
  type: string,
  line: number | undefined,
): Tool {
  const params = node.params.tool
  const description = params.toolDescription ?? params.description ?? node.notes
  const known = LC_TOOLS.get(type)
  if (known) {
    const method = params.method ?? 'GET'
    return {
      name: node.name,
      kind: known,
      description,
      line,
      source: known === 'code-exec' ? 'code' : 'builtin',
      readOnly:
        type === 'toolHttpRequest' ? method.toUpperCase() === 'GET' : undefined,
    }
  }
  const service = type.replace(/Tool$/, '')
  const operation = params.operation
  const kind =
    SERVICES.find(([pattern]) => pattern.test(service))?.[1] ??
    (type === 'httpRequestTool'
      ? 'network'
      : type.startsWith('vectorStore')
        ? 'search'
        : classifyTool(service, description ?? node.name))
  const method = params.method
  return {
    name: node.name,
    kind,
    description,
    line,
    source: node.type.startsWith(BASE) ? 'plugin' : 'builtin',
    readOnly: operation
      ? READ_OPERATIONS.test(operation)
      : method
        ? method.toUpperCase() === 'GET'
        : undefined,
  }
}

function addMcpTool(
  profile: AgentProfile,
  node: WorkflowNode,
  line: number | undefined,
  gated: true | undefined,
): void {
  const params = node.params.tool
  const url = params.endpointUrl ?? params.sseEndpoint
  const transport = params.serverTransport ?? 'sse'
  const auth = params.authentication ?? 'none'
  const include = params.include ?? 'all'
  const entry: Record<string, unknown> = {
    url,
    type: /http/i.test(transport) ? 'http' : 'sse',
    headers: /header|bearer/i.test(auth) ? { Authorization: '' } : undefined,
    auth: /oauth/i.test(auth) ? 'oauth' : undefined,
    tools: include === 'selected' ? params.includeTools : undefined,
  }
  const reading = mcpServerTool(node.name, entry, line)
  const tool = { ...reading.tool }
  if (gated) tool.requiresApproval = true
  addTool(profile, tool)
  for (const note of reading.notes) addNote(profile, note)
  if (include === 'except') {
    addNote(
      profile,
      `MCP server ${node.name} exposes every tool except ${params.excludeTools.join(', ') || 'none'}`,
    )
  }
}

/** agentTool nodes are agents of their own, called as tools by a parent. */
export function linkAgentTools(
  graph: Graph,
  profiles: ReadonlyMap<string, AgentProfile>,
): void {
  for (const edge of graph.edges) {
    if (edge.type !== 'ai_tool') continue
    const child = profiles.get(edge.from)
    const parent = profiles.get(edge.to)
    if (!child || !parent || child === parent) continue
    child.parent = parent.name
    pushUnique(parent.subAgents, child.name)
    parent.delegation.canDelegate = true
    parent.delegation.mode ??= 'hierarchical'
    cite(parent, 'subAgents', child.source.line)
    cite(parent, 'delegation', child.source.line)
  }
}
