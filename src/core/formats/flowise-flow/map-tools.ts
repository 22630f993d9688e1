import {
  addNote,
  addTool,
  cite,
  classifyTool,
  isPlaceholder,
  mcpServerTool,
  recordServerReading,
  type AgentProfile,
  type Tool,
  type ToolKind,
} from '../../manifest/kit.js'
import type { ModelInputs, ToolConfig } from './schema.js'

const PROVIDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/azure/i, 'azure-openai'],
  [/openai/i, 'openai'],
  [/anthropic/i, 'anthropic'],
  [/vertex/i, 'google-vertex'],
  [/google|gemini/i, 'google'],
  [/ollama/i, 'ollama'],
  [/mistral/i, 'mistral'],
  [/groq/i, 'groq'],
  [/bedrock|aws/i, 'aws-bedrock'],
  [/deepseek/i, 'deepseek'],
  [/openrouter/i, 'openrouter'],
]

/** The model of a chat model node (v1) or of an agent's model config (v2). */
export function readModel(
  profile: AgentProfile,
  nodeName: string,
  inputs: ModelInputs,
  line: number | undefined,
): void {
  const name = inputs.modelName ?? inputs.model ?? inputs.customModelName
  profile.model = {
    name: name || undefined,
    provider: PROVIDERS.find(([pattern]) => pattern.test(nodeName))?.[1],
    temperature: inputs.temperature,
    seed: inputs.seed,
  }
  if (isPlaceholder(name)) {
    profile.model.unresolved = true
    addNote(profile, 'the model is set through a variable resolved at run time')
  }
  cite(profile, 'model', line)
}

const PERSISTENT_MEMORY =
  /redis|upstash|mongo|postgres|mysql|sqlite|zep|motorhead|dynamo|mem0|agentMemory/i

export function readMemory(
  profile: AgentProfile,
  name: string,
  line: number | undefined,
): void {
  profile.memory.stores.push(name)
  if (PERSISTENT_MEMORY.test(name)) {
    profile.memory.kind = 'persistent'
    profile.memory.writable = true
  } else {
    profile.memory.kind ??= 'session'
  }
  cite(profile, 'memory', line)
}

/** Flowise's own tools by node name (a Map: names come from the export). */
const FLOWISE_TOOLS = new Map<string, { kind: ToolKind; readOnly?: boolean }>([
  ['calculator', { kind: 'other', readOnly: true }],
  ['currentDateTime', { kind: 'other', readOnly: true }],
  ['requestsGet', { kind: 'network', readOnly: true }],
  ['requestsPost', { kind: 'network' }],
  ['requestsPut', { kind: 'network' }],
  ['requestsDelete', { kind: 'network' }],
  ['openAPIToolkit', { kind: 'network' }],
  ['readFile', { kind: 'file-read', readOnly: true }],
  ['writeFile', { kind: 'file-write' }],
  ['customTool', { kind: 'code-exec' }],
  ['codeInterpreterE2B', { kind: 'code-exec' }],
  ['chatflowTool', { kind: 'agent-call' }],
  ['agentAsTool', { kind: 'agent-call' }],
  ['retrieverTool', { kind: 'search', readOnly: true }],
  ['webBrowser', { kind: 'browser' }],
  ['webScraperTool', { kind: 'network', readOnly: true }],
  ['serpAPI', { kind: 'search', readOnly: true }],
  ['serper', { kind: 'search', readOnly: true }],
  ['searchAPI', { kind: 'search', readOnly: true }],
  ['googleCustomSearch', { kind: 'search', readOnly: true }],
  ['braveSearchAPI', { kind: 'search', readOnly: true }],
  ['tavilyAPI', { kind: 'search', readOnly: true }],
  ['exaSearch', { kind: 'search', readOnly: true }],
  ['arxiv', { kind: 'search', readOnly: true }],
  ['wolframAlpha', { kind: 'search', readOnly: true }],
])

/** A tool node (v1) or a tool an agent selects (v2). */
export function addFlowTool(
  profile: AgentProfile,
  name: string,
  label: string,
  config: ToolConfig,
  line: number | undefined,
  requiresApproval: boolean | undefined,
): void {
  if (/MCP$/i.test(name)) {
    addMcp(profile, name, config, line, requiresApproval)
    return
  }
  const known = FLOWISE_TOOLS.get(name)
  const toolName = config.customToolName ?? (label || name)
  const description = config.customToolDesc ?? config.description
  const tool: Tool = {
    name: toolName,
    kind: known?.kind ?? classifyTool(name, description ?? label),
    description,
    line,
    source: name === 'customTool' ? 'code' : 'builtin',
    readOnly: known?.readOnly,
    requiresApproval,
  }
  addTool(profile, tool)
  cite(profile, 'tools', line)
  if (name === 'customTool') {
    addNote(
      profile,
      `custom tool ${toolName} runs JavaScript kept in Flowise${config.customToolFunc ? ' and embedded in the export' : ''} (not evaluated here)`,
    )
  }
  readToolKind(profile, name, tool, line)
}

/** What a tool's kind says of the agent: it runs code, or another flow. */
function readToolKind(
  profile: AgentProfile,
  name: string,
  tool: Tool,
  line: number | undefined,
): void {
  if (tool.kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
  }
  if (name === 'codeInterpreterE2B') {
    profile.controls.sandbox = true
    cite(profile, 'controls.sandbox', line)
  }
  if (tool.kind === 'agent-call') {
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
    addNote(
      profile,
      `tool ${tool.name} runs another Flowise flow; it is not inspected`,
    )
  }
}

function addMcp(
  profile: AgentProfile,
  name: string,
  config: ToolConfig,
  line: number | undefined,
  requiresApproval: boolean | undefined,
): void {
  const { server, invalid } = config.mcpServerConfig
  if (invalid) {
    addNote(profile, `MCP server ${name}: its configuration is not valid JSON`)
  }
  const reading = mcpServerTool(name, server, line)
  addTool(profile, { ...reading.tool, requiresApproval })
  cite(profile, 'tools', line)
  recordServerReading(profile, reading)
}
