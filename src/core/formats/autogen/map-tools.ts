import {
  addNote,
  addTool,
  cite,
  classifyCodeTool,
  mcpServerTool,
  recordServerReading,
  type AgentProfile,
  type DataPath,
  type Tool,
  type ToolKind,
} from '../../manifest/kit.js'
import type { Reader } from './reader.js'
import {
  className,
  type Config,
  type ServerParams,
  type Tool as ToolNode,
  type ToolSettings,
  type WorkbenchEntry,
} from './schema.js'

/** `tools[]` (FunctionTools, MCP adapters, agents as tools), workbenches. */
export function readAgentTools(
  reader: Reader,
  profile: AgentProfile,
  config: Config,
  base: DataPath,
): void {
  const tools = config.tools ?? []
  if (tools.length > 0)
    cite(profile, 'tools', reader.doc.lineOf([...base, 'tools']))
  tools.forEach((entry, index) => {
    const line = reader.doc.lineOf([...base, 'tools', index])
    if (!entry) return
    readToolComponent(reader, profile, entry, line, [...base, 'tools', index])
  })
  const workbench = config.workbench
  workbench?.list.forEach((entry, index) => {
    const path = workbench.single
      ? [...base, 'workbench']
      : [...base, 'workbench', index]
    if (entry) readWorkbench(reader, profile, entry, path)
  })
}

function readToolComponent(
  reader: Reader,
  profile: AgentProfile,
  entry: ToolNode,
  line: number | undefined,
  path: DataPath,
): void {
  const config = entry.settings
  const cls = className(entry.provider)
  if (/McpToolAdapter$/.test(cls)) {
    addMcp(profile, config.tool?.name ?? 'mcp', config.server_params, line)
    return
  }
  if (cls === 'AgentTool' || cls === 'TeamTool') {
    readAgentTool(reader, profile, config, cls, line, path)
    return
  }
  const name = config.name ?? entry.name ?? (cls || 'tool')
  const description = config.description ?? entry.description
  const source = config.source_code ?? entry.content
  const tool: Tool = {
    name,
    kind: toolKind(cls, name, description, source),
    description,
    line,
    source: source ? 'code' : 'declared',
  }
  addTool(profile, tool)
  if (source) {
    addNote(
      profile,
      `tool ${name} embeds its Python source in the manifest: it is code the agent runs (not evaluated here)`,
    )
  }
  if (tool.kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
  }
}

/** An AgentTool or TeamTool: the agent (or team) it wraps is a sub-agent. */
function readAgentTool(
  reader: Reader,
  profile: AgentProfile,
  config: ToolSettings,
  cls: string,
  line: number | undefined,
  path: DataPath,
): void {
  const inner = config.agent ?? config.team
  const child = inner
    ? reader.component(
        inner,
        [...path, 'config', config.agentStated ? 'agent' : 'team'],
        profile,
      )
    : undefined
  const toolName = child ? child.name : (config.name ?? cls)
  addTool(profile, {
    name: toolName,
    kind: 'agent-call',
    line,
    source: 'code',
  })
  profile.delegation.canDelegate = true
  cite(profile, 'delegation', line)
}

function toolKind(
  cls: string,
  name: string,
  description: string | undefined,
  source: string | undefined,
): ToolKind {
  if (/CodeExecution|PythonCode/.test(cls)) return 'code-exec'
  if (cls === 'HttpTool') return 'network'
  if (/GraphRag|Search/i.test(cls)) return 'search'
  return classifyCodeTool(name, description, source)
}

function readWorkbench(
  reader: Reader,
  profile: AgentProfile,
  entry: WorkbenchEntry,
  path: DataPath,
): void {
  const config = entry.config
  const line = reader.doc.lineOf(path)
  if (/Mcp/i.test(className(entry.provider))) {
    addMcp(profile, entry.label ?? 'mcp', config?.server_params, line)
    return
  }
  config?.tools?.forEach((tool, index) => {
    if (tool) {
      readToolComponent(
        reader,
        profile,
        tool,
        reader.doc.lineOf([...path, 'config', 'tools', index]),
        [...path, 'config', 'tools', index],
      )
    }
  })
}

function addMcp(
  profile: AgentProfile,
  name: string,
  server: ServerParams | undefined,
  line: number | undefined,
): void {
  const type = server?.type
  const entry = {
    ...server?.config,
    type: /Sse/i.test(type ?? '')
      ? 'sse'
      : /Http/i.test(type ?? '')
        ? 'http'
        : server?.command
          ? 'stdio'
          : type,
  }
  const reading = mcpServerTool(name, entry, line)
  addTool(profile, reading.tool)
  cite(profile, 'tools', line)
  recordServerReading(profile, reading)
}
