/**
 * Semantic Kernel declarative agent spec (`AgentRegistry.create_from_yaml`,
 * `KernelAgentYaml`): one agent per YAML file, chosen by a top-level `type`
 * (`chat_completion_agent`, `foundry_agent`, `azure_ai_agent`,
 * `openai_assistant`, `azure_assistant`, `openai_responses`,
 * `azure_responses`, `bedrock_agent`, or a custom `*_agent`).
 *
 * Mapping: name, description, instructions (a template when `template` is
 * set, filled from `inputs`), `model.id` → model name (the provider follows
 * from the type), `model.options.temperature`/`seed`,
 * `model.options.function_choice_behavior` (its `functions` list narrows the
 * kernel functions offered), `model.connection` → credential names,
 * `tools[]` by `type`: function (a kernel plugin function, `Plugin.function`,
 * bound in code), code_interpreter, file_search, bing_grounding/web_search,
 * azure_ai_search, openapi, mcp, azure_function…
 *
 * Defaults: the kernel the code hands the agent decides which functions it
 * can call, and by default (FunctionChoiceBehavior.Auto) every plugin
 * function of that kernel is offered. So an omitted `tools` list means every
 * kernel function (allTools = true, with a note), and a listed one still
 * under-reports. `${Section:Key}` values are settings resolved at load time:
 * unknown, not absent. A file without a recognisable agent `type`, or with a
 * top-level `kind` (Microsoft Agent Framework), is not this format.
 */
import { addCredential } from '../manifest/credentials.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { readSampling } from '../manifest/models.js'
import { fileStem } from '../manifest/paths.js'
import { parseManifest, problem, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  asStrings,
  type DataRecord,
  entriesOf,
  isPlaceholder,
  keysOf,
  ownValue,
} from '../parse/data.js'
import type { ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import { addNote, addTool, cite, newProfile } from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const ID = 'semantic-kernel-agent'

/** Built-in agent types and the model provider behind each. */
const AGENT_TYPES: Readonly<Record<string, string | undefined>> = {
  chat_completion_agent: undefined,
  foundry_agent: 'azure-ai-foundry',
  azure_ai_agent: 'azure-ai-foundry',
  azureai_agent: 'azure-ai-foundry',
  openai_assistant: 'openai',
  azure_assistant: 'azure-openai',
  openai_responses: 'openai',
  azure_responses: 'azure-openai',
  bedrock_agent: 'aws-bedrock',
  copilot_studio_agent: 'copilot-studio',
}

/** Custom types registered with `@register_agent_type` follow this shape. */
const CUSTOM_TYPE = /^[a-z][a-z0-9_]*_(agent|assistant|responses)$/
const TYPE_LINE =
  /^type:[ \t]*["']?([a-z][a-z0-9_]*_(?:agent|assistant|responses))["']?[ \t]*(?:#.*)?$/m

interface HostedTool {
  readonly kind: ToolKind
  readonly readOnly?: boolean
  /** It reads pages or documents other people wrote. */
  readonly untrusted?: boolean
}

/** Service-side tools, by `type`. */
const HOSTED_TOOLS: Readonly<Record<string, HostedTool>> = {
  code_interpreter: { kind: 'code-exec' },
  file_search: { kind: 'search', readOnly: true },
  azure_ai_search: { kind: 'search', readOnly: true },
  bing_grounding: { kind: 'search', readOnly: true, untrusted: true },
  bing_custom_search: { kind: 'search', readOnly: true, untrusted: true },
  web_search: { kind: 'search', readOnly: true, untrusted: true },
  web_search_preview: { kind: 'search', readOnly: true, untrusted: true },
  sharepoint_grounding: { kind: 'search', readOnly: true, untrusted: true },
  microsoft_fabric: { kind: 'database', readOnly: true },
  deep_research: { kind: 'search', readOnly: true, untrusted: true },
  computer_use: { kind: 'browser' },
  computer_use_preview: { kind: 'browser' },
  browser_automation: { kind: 'browser' },
  azure_function: { kind: 'network' },
  openapi: { kind: 'network' },
}

const semanticKernelAgent: FormatModule = {
  id: ID,
  title: 'Semantic Kernel declarative agent',
  priority: 20,
  nameEndings: ['.yaml', '.yml'],
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    TYPE_LINE.test(head) && /^name:/m.test(head) && !/^kind:/m.test(head),
  parse: parseSemanticKernel,
}
export default semanticKernelAgent

interface Context {
  readonly file: string
  readonly doc: ParsedDocument
  readonly problems: Problem[]
  readonly profile: AgentProfile
}

function parseSemanticKernel(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'yaml')
  if (!parsed.ok) return parsed.result
  const doc = parsed.doc
  const root = asRecord(doc.value)
  const type = asString(root?.type)?.toLowerCase()
  if (!root || type === undefined)
    return rejected('no top-level agent type: not a Semantic Kernel agent')
  if (root.kind !== undefined)
    return rejected(
      'top-level kind: a Microsoft Agent Framework or other typed YAML, not a Semantic Kernel agent',
    )
  if (!Object.hasOwn(AGENT_TYPES, type) && !CUSTOM_TYPE.test(type))
    return rejected(`type ${type} is not a Semantic Kernel agent type`)
  const problems: Problem[] = []
  const name = asString(root.name)
  if (name === undefined || name.trim() === '') {
    problems.push(
      problem(file.path, doc.lineOf(['type']), 'agent has no name', {
        field: 'name',
        help: 'Semantic Kernel requires a name for every declarative agent.',
      }),
    )
  }
  const profile = newProfile({
    name: name?.trim() || fileStem(file.path, /\.ya?ml$/i),
    format: ID,
    file: file.path,
    line: doc.lineOf([]) ?? 1,
  })
  const ctx: Context = { file: file.path, doc, problems, profile }
  readHeader(ctx, root, type)
  readModel(ctx, asRecord(root.model), type)
  readTools(ctx, root)
  return { agents: [profile], problems, document: doc }
}

function readHeader(ctx: Context, root: DataRecord, type: string): void {
  const { profile, doc } = ctx
  cite(profile, 'name', doc.lineOf(['name']))
  const description = asString(root.description)
  if (description) profile.description = description.trim()
  const instructions = asString(root.instructions)
  if (instructions !== undefined) {
    profile.instructions = instructions
    cite(profile, 'instructions', doc.lineOf(['instructions']))
  }
  if (!Object.hasOwn(AGENT_TYPES, type))
    addNote(
      profile,
      `custom agent type ${type}: its behaviour is defined by code registered with @register_agent_type`,
    )
  const template = asRecord(root.template)
  const inputs = inputNames(root.inputs)
  if (template || inputs.length > 0) {
    const format = asString(template?.format) ?? 'semantic-kernel'
    addNote(
      profile,
      `instructions are a ${format} template${inputs.length > 0 ? ` filled from inputs (${inputs.slice(0, 5).join(', ')})` : ''}: callers shape the instructions`,
    )
  }
}

function inputNames(value: unknown): string[] {
  const list = asArray(value)
  if (list)
    return list
      .map((item) => asString(asRecord(item)?.name))
      .filter((name): name is string => name !== undefined)
  return keysOf(value)
}

// ---------------------------------------------------------------- model

function readModel(
  ctx: Context,
  model: DataRecord | undefined,
  type: string,
): void {
  const { profile, doc } = ctx
  const provider = ownValue(AGENT_TYPES, type)
  if (provider) profile.model.provider = provider
  if (!model) {
    if (type === 'chat_completion_agent')
      addNote(
        profile,
        'no model: the chat completion service registered in the kernel decides',
      )
    return
  }
  cite(profile, 'model', doc.lineOf(['model']))
  const id = asString(model.id)
  if (id !== undefined) profile.model.name = id
  const options = asRecord(model.options) ?? asRecord(model.configuration)
  readSampling(profile.model, options)
  if (id !== undefined && isPlaceholder(id)) {
    profile.model.unresolved = true
    addNote(
      profile,
      `model id ${id} is a setting resolved when the agent loads`,
    )
  }
  if (connectionValues(model.connection).some(isPlaceholder))
    addNote(
      profile,
      'model connection is configured through settings resolved at load time',
    )
  readConnection(ctx, model.connection)
  readFunctionChoice(ctx, asRecord(options?.function_choice_behavior))
}

/** String values of a (possibly nested) connection block. */
function connectionValues(value: unknown, depth = 0): string[] {
  if (depth > 3) return []
  return entriesOf(value).flatMap(([, child]) =>
    typeof child === 'string' ? [child] : connectionValues(child, depth + 1),
  )
}

/** Secret-bearing connection keys: the setting names, never the values. */
function readConnection(ctx: Context, connection: unknown, depth = 0): void {
  if (depth > 3) return
  for (const [key, value] of entriesOf(connection)) {
    if (typeof value !== 'string') {
      readConnection(ctx, value, depth + 1)
      continue
    }
    if (!/key|secret|token|password|connection_string/i.test(key)) continue
    const setting = /^\$\{([^}]+)\}$/.exec(value.trim())?.[1]
    addCredential(ctx.profile, setting ?? key)
    if (!isPlaceholder(value) && value.trim() !== '')
      addNote(
        ctx.profile,
        `model.connection.${key} holds a literal secret in the manifest`,
      )
  }
}

function readFunctionChoice(
  ctx: Context,
  behavior: DataRecord | undefined,
): void {
  if (!behavior) return
  const { profile } = ctx
  const mode = asString(behavior.type)?.toLowerCase()
  const functions = asStrings(behavior.functions)
  const attempts = asNumber(behavior.maximum_auto_invoke_attempts)
  if (attempts !== undefined) profile.autonomy.maxIterations = attempts
  if (mode === 'none') {
    addNote(profile, 'function_choice_behavior none: no function is offered')
    profile.allTools = false
  } else if (mode === 'required')
    addNote(
      profile,
      'function_choice_behavior required: the model must call a function',
    )
  const line = ctx.doc.lineOf([
    'model',
    'options',
    'function_choice_behavior',
    'functions',
  ])
  for (const fn of functions) {
    addTool(profile, functionTool(fn, undefined, line))
  }
  if (functions.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'tools', line)
  }
}

// ---------------------------------------------------------------- tools

function readTools(ctx: Context, root: DataRecord): void {
  const { profile, doc } = ctx
  const list = asArray(root.tools)
  const functionsNamed = profile.tools.length > 0
  if (root.tools !== undefined && !list) {
    ctx.problems.push(
      problem(ctx.file, doc.lineOf(['tools']), 'tools must be a list', {
        field: 'tools',
      }),
    )
  }
  if (!list || list.length === 0) {
    if (!functionsNamed && profile.allTools !== false) {
      profile.allTools = true
      cite(profile, 'tools', doc.lineOf(['tools']) ?? doc.lineOf(['type']))
      addNote(
        profile,
        'no tools listed: the agent is offered every plugin function of the kernel its code provides',
      )
    }
    return
  }
  cite(profile, 'tools', doc.lineOf(['tools']))
  const coded: string[] = []
  list.forEach((item, index) => {
    const tool = readTool(ctx, asRecord(item), doc.lineOf(['tools', index]))
    if (!tool) {
      ctx.problems.push(
        problem(
          ctx.file,
          doc.lineOf(['tools', index]),
          'tool entry needs a type or an id',
          { field: `tools[${index}]`, level: 'warning' },
        ),
      )
      return
    }
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
  ctx: Context,
  entry: DataRecord | undefined,
  line: number | undefined,
): Tool | undefined {
  if (!entry) return undefined
  const type = asString(entry.type)?.toLowerCase()
  const id = asString(entry.id) ?? asString(entry.name)
  const description = asString(entry.description)
  if (type === undefined && id === undefined) return undefined
  if (type === undefined || type === 'function')
    return functionTool(id ?? 'function', description, line)
  const options = asRecord(entry.options) ?? {}
  const name = id ?? type
  if (type === 'mcp') return mcpTool(ctx, name, entry, options, line)
  const hosted = ownValue(HOSTED_TOOLS, type)
  if (hosted?.kind === 'code-exec') ctx.profile.autonomy.codeExecution = true
  if (hosted?.untrusted) ctx.profile.exposure.untrustedInput = true
  if (type === 'openapi') readOpenApi(ctx, name, options)
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

function functionTool(
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

function readOpenApi(ctx: Context, name: string, options: DataRecord): void {
  const auth = asRecord(options.authentication) ?? asRecord(options.auth)
  const scheme = asString(auth?.type)?.toLowerCase()
  if (scheme === 'anonymous')
    addNote(ctx.profile, `openapi tool ${name} calls its API anonymously`)
  const connection = asString(auth?.connection_id)
  if (connection) addCredential(ctx.profile, connection)
}

function mcpTool(
  ctx: Context,
  name: string,
  entry: DataRecord,
  options: DataRecord,
  line: number | undefined,
): Tool {
  const url =
    asString(options.server_url) ??
    asString(options.url) ??
    asString(entry.server_url)
  const allowed = asStrings(options.allowed_tools ?? entry.allowed_tools)
  const reading = mcpServerTool(
    asString(options.server_label) ?? name,
    { url, headers: options.headers, tools: allowed },
    line,
  )
  recordServerReading(ctx.profile, reading)
  if (allowed.length > 0) ctx.profile.controls.allowlists = true
  const approval = asString(options.require_approval)?.toLowerCase()
  return {
    ...reading.tool,
    requiresApproval:
      approval === 'always' ? true : approval === 'never' ? false : undefined,
  }
}
