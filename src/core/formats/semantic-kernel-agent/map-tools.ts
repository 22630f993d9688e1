import {
  addCredential,
  addNote,
  addTool,
  cite,
  classifyTool,
  mcpServerTool,
  problem,
  recordServerReading,
  type AgentProfile,
  type Problem,
  type Reading,
  type Tool,
  type ToolKind,
} from '../../manifest/kit.js'
import type { SemanticKernelAgent, ToolEntry } from './schema.js'

interface HostedTool {
  readonly kind: ToolKind
  readonly readOnly?: boolean
  /** It reads pages or documents other people wrote. */
  readonly untrusted?: boolean
}

/** Service-side tools, by `type`. */
const HOSTED_TOOLS: ReadonlyMap<string, HostedTool> = new Map([
  ['code_interpreter', { kind: 'code-exec' }],
  ['file_search', { kind: 'search', readOnly: true }],
  ['azure_ai_search', { kind: 'search', readOnly: true }],
  ['bing_grounding', { kind: 'search', readOnly: true, untrusted: true }],
  ['bing_custom_search', { kind: 'search', readOnly: true, untrusted: true }],
  ['web_search', { kind: 'search', readOnly: true, untrusted: true }],
  ['web_search_preview', { kind: 'search', readOnly: true, untrusted: true }],
  ['sharepoint_grounding', { kind: 'search', readOnly: true, untrusted: true }],
  ['microsoft_fabric', { kind: 'database', readOnly: true }],
  ['deep_research', { kind: 'search', readOnly: true, untrusted: true }],
  ['computer_use', { kind: 'browser' }],
  ['computer_use_preview', { kind: 'browser' }],
  ['browser_automation', { kind: 'browser' }],
  ['azure_function', { kind: 'network' }],
  ['openapi', { kind: 'network' }],
])

export function readTools(
  profile: AgentProfile,
  tools: SemanticKernelAgent['tools'],
  read: Reading<unknown>,
  problems: Problem[],
  file: string,
): void {
  const functionsNamed = profile.tools.length > 0
  if (!tools || tools.length === 0) {
    if (!functionsNamed && profile.allTools !== false) {
      profile.allTools = true
      cite(profile, 'tools', read.lineOf(['tools']) ?? read.lineOf(['type']))
      addNote(
        profile,
        'no tools listed: the agent is offered every plugin function of the kernel its code provides',
      )
    }
    return
  }
  cite(profile, 'tools', read.lineOf(['tools']))
  const coded: string[] = []
  tools.forEach((entry, index) => {
    const line = read.lineOf(['tools', index])
    if (!entry) {
      problems.push(
        problem(file, line, 'tool entry needs a type or an id', {
          field: `tools[${index}]`,
          level: 'warning',
        }),
      )
      return
    }
    const tool = readTool(profile, entry, line)
    addTool(profile, tool)
    if (tool.source === 'code') coded.push(tool.name)
  })
  if (coded.length > 0) {
    const plugins = [...new Set(coded.map((name) => name.split(/[.-]/)[0]))]
    addNote(
      profile,
      `tools are bound in code (kernel plugin ${plugins.join(', ')}); the manifest under-reports what they do, and the kernel may offer more functions than it lists`,
    )
  }
}

function readTool(
  profile: AgentProfile,
  entry: ToolEntry,
  line: number | undefined,
): Tool {
  const { type, id, description } = entry
  if (type === undefined || type === 'function')
    return functionTool(id ?? 'function', description, line)
  const name = id ?? type
  if (type === 'mcp') return mcpTool(profile, name, entry, line)
  const hosted = HOSTED_TOOLS.get(type)
  if (hosted?.kind === 'code-exec') profile.autonomy.codeExecution = true
  if (hosted?.untrusted) profile.exposure.untrustedInput = true
  if (type === 'openapi') readOpenApi(profile, name, entry.options)
  const guessed = classifyTool(name, description)
  return {
    name,
    kind: hosted?.kind ?? guessed,
    description,
    line,
    readOnly: hosted?.readOnly,
    source: type === 'openapi' ? 'openapi' : hosted ? 'builtin' : 'declared',
  }
}

export function functionTool(
  id: string,
  description: string | undefined,
  line: number | undefined,
): Tool {
  // `MenuPlugin.get_specials` (Python) or `MenuPlugin-GetSpecials` (.NET):
  // the function part says what it does.
  const fn = id.split(/[.-]/).pop() ?? id
  return {
    name: id,
    kind: classifyTool(fn, description),
    description,
    line,
    source: 'code',
  }
}

function readOpenApi(
  profile: AgentProfile,
  name: string,
  { auth }: ToolEntry['options'],
): void {
  if (auth?.type === 'anonymous')
    addNote(profile, `openapi tool ${name} calls its API anonymously`)
  const connection = auth?.connection_id
  if (connection) addCredential(profile, connection)
}

function mcpTool(
  profile: AgentProfile,
  name: string,
  entry: ToolEntry,
  line: number | undefined,
): Tool {
  const { options } = entry
  const url = options.server_url ?? options.url ?? entry.server_url
  const reading = mcpServerTool(
    options.server_label ?? name,
    { url, headers: options.headers, tools: options.allowed },
    line,
  )
  recordServerReading(profile, reading)
  if (options.allowed.length > 0) profile.controls.allowlists = true
  const approval = options.require_approval
  return {
    ...reading.tool,
    requiresApproval:
      approval === 'always' ? true : approval === 'never' ? false : undefined,
  }
}
