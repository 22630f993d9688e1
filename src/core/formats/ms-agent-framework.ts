/**
 * Microsoft Agent Framework declarative agents (`agent_framework_declarative`
 * in Python, `AgentBotElementYaml` in .NET): one agent per YAML file with a
 * top-level `kind: Prompt` or `kind: Agent` (a PromptAgent), or the .NET and
 * Copilot Studio shape `kind: GptComponentMetadata`.
 *
 * Mapping: name (or displayName), description, instructions (+
 * additionalInstructions), `model` (`id`, `provider`/`publisher`,
 * `connection {kind, endpoint, key}`, `options {temperature, topP, seed,
 * allowMultipleToolCalls}`) → model and credential names, `tools[]` by
 * `kind`: function (bound to code handed to the loader), mcp (`url`,
 * `allowedTools`, `approvalMode` always|never|{kind: specify,
 * alwaysRequireApprovalTools, neverRequireApprovalTools}, or the Foundry
 * `requireApproval`), code_interpreter, file_search, web_search, openapi,
 * custom. GptComponentMetadata's `gptCapabilities` (webBrowsing,
 * codeInterpreter) become tools and `aISettings.model.modelNameHint` the model.
 *
 * Defaults: the agent gets only the tools listed (the loader adds none of its
 * own), but function tools run whatever code the host binds to their names.
 * An MCP tool without `allowedTools` exposes every tool of its server; without
 * an approval mode, approval is whatever the hosting service does by default
 * (not stated). `=Env.X` PowerFx values are read from the environment at load
 * time: unknown, not absent. `kind: Prompt` is also used by other YAML prompt
 * files, so a file is claimed only when it has a name and instructions or a
 * model, and Kubernetes-style resources (`apiVersion`, `spec`) are refused.
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
  asBoolean,
  asRecord,
  asString,
  asStrings,
  isPlaceholder,
  ownValue,
  type DataRecord,
} from '../parse/data.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const ID = 'ms-agent-framework'

const KINDS = new Set(['Prompt', 'Agent', 'GptComponentMetadata'])
const KIND_LINE =
  /^kind:[ \t]*["']?(Prompt|Agent|GptComponentMetadata)["']?[ \t]*(?:#.*)?$/m

interface HostedTool {
  readonly kind: ToolKind
  readonly readOnly?: boolean
  readonly untrusted?: boolean
}

const HOSTED_TOOLS: Readonly<Record<string, HostedTool>> = {
  code_interpreter: { kind: 'code-exec' },
  file_search: { kind: 'search', readOnly: true },
  web_search: { kind: 'search', readOnly: true, untrusted: true },
  openapi: { kind: 'network' },
}

const msAgentFramework: FormatModule = {
  id: ID,
  title: 'Microsoft Agent Framework declarative agent',
  priority: 20,
  nameEndings: ['.yaml', '.yml'],
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    KIND_LINE.test(head) &&
    /^(instructions|model|displayName):/m.test(head) &&
    !/^(apiVersion|spec):/m.test(head),
  parse: parseAgentFramework,
}
export default msAgentFramework

interface Context {
  readonly file: string
  readonly doc: ParsedDocument
  readonly problems: Problem[]
  readonly profile: AgentProfile
}

function parseAgentFramework(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'yaml')
  if (!parsed.ok) return parsed.result
  const doc = parsed.doc
  const root = asRecord(doc.value)
  const kind = asString(root?.kind)
  if (!root || kind === undefined || !KINDS.has(kind))
    return rejected(
      'no top-level kind Prompt, Agent or GptComponentMetadata: not an Agent Framework agent',
    )
  if (root.apiVersion !== undefined || root.spec !== undefined)
    return rejected(
      `kind ${kind} with apiVersion/spec is a Kubernetes-style resource, not an Agent Framework agent`,
    )
  const name = asString(root.name) ?? asString(root.displayName)
  const agentShaped =
    typeof root.instructions === 'string' ||
    isModel(root.model) ||
    (kind === 'GptComponentMetadata' && root.aISettings !== undefined)
  if (!agentShaped)
    return rejected(
      `kind ${kind} without instructions or a model: a prompt file of another tool, not an agent`,
    )
  const problems: Problem[] = []
  if (name === undefined || name.trim() === '')
    problems.push(
      problem(file.path, doc.lineOf(['kind']), 'agent has no name', {
        field: 'name',
        level: 'warning',
      }),
    )
  const profile = newProfile({
    name: name?.trim() || fileStem(file.path, /\.ya?ml$/i),
    format: ID,
    file: file.path,
    line: doc.lineOf([]) ?? 1,
  })
  const ctx: Context = { file: file.path, doc, problems, profile }
  readHeader(ctx, root)
  readModel(ctx, root.model, ['model'])
  if (kind === 'GptComponentMetadata') readGptComponent(ctx, root)
  readTools(ctx, root.tools)
  return { agents: [profile], problems, document: doc }
}

function isModel(value: unknown): boolean {
  return typeof value === 'string' || asRecord(value) !== undefined
}

function readHeader(ctx: Context, root: DataRecord): void {
  const { profile, doc } = ctx
  cite(profile, 'name', doc.lineOf(['name']) ?? doc.lineOf(['displayName']))
  const description = asString(root.description)
  if (description) profile.description = description.trim()
  const parts = [
    asString(root.instructions),
    asString(root.additionalInstructions),
  ].filter((text): text is string => text !== undefined)
  if (parts.length > 0) {
    profile.instructions = parts.join('\n\n')
    cite(profile, 'instructions', doc.lineOf(['instructions']))
    if (parts.some(isPlaceholder)) {
      addNote(
        profile,
        'instructions come from a PowerFx expression evaluated at load time',
      )
    }
  }
  if (root.outputSchema !== undefined)
    addNote(profile, 'answers follow a declared outputSchema')
  const template = asRecord(root.template)
  const format = asString(asRecord(template?.format)?.kind)
  if (format)
    addNote(profile, `instructions are a ${format} template filled at run time`)
}

// ---------------------------------------------------------------- model

function readModel(ctx: Context, value: unknown, path: DataPath): void {
  const { profile, doc } = ctx
  if (value === undefined) return
  cite(profile, 'model', doc.lineOf(path))
  if (typeof value === 'string') {
    setModelName(profile, value, path.join('.'))
    return
  }
  const model = asRecord(value)
  if (!model) return
  const id = asString(model.id)
  if (id !== undefined) setModelName(profile, id, `${path.join('.')}.id`)
  else
    addNote(
      profile,
      'no model id: the chat client the host supplies decides the model',
    )
  const provider = asString(model.provider) ?? asString(model.publisher)
  if (provider !== undefined) profile.model.provider = provider
  const options = asRecord(model.options)
  readSampling(profile.model, options)
  if (asBoolean(options?.allowMultipleToolCalls) === true)
    addNote(
      profile,
      'allowMultipleToolCalls: the model may call several tools at once',
    )
  readConnection(ctx, asRecord(model.connection), [...path, 'connection'])
}

function setModelName(profile: AgentProfile, id: string, field: string): void {
  profile.model.name = id
  if (isPlaceholder(id)) {
    profile.model.unresolved = true
    addNote(profile, `${field} ${id} is read from the environment at load time`)
  }
}

/** Key and endpoint of a connection: env names are kept, values never. */
function readConnection(
  ctx: Context,
  connection: DataRecord | undefined,
  path: DataPath,
): void {
  if (!connection) return
  const { profile } = ctx
  const kind = asString(connection.kind)?.toLowerCase()
  if (kind === 'anonymous')
    addNote(profile, `${path.join('.')} is anonymous: no credential is sent`)
  for (const field of ['key', 'apiKey']) {
    const value = asString(connection[field])
    if (value === undefined) continue
    const env = envName(value)
    addCredential(profile, env ?? field)
    if (!isPlaceholder(value) && value.trim() !== '')
      addNote(
        profile,
        `${path.join('.')}.${field} holds a literal secret in the manifest`,
      )
  }
  if (kind === 'reference' || /reference/.test(kind ?? ''))
    addNote(
      profile,
      `${path.join('.')} refers to a connection configured in the hosting project`,
    )
  const endpoint = asString(connection.endpoint)
  if (endpoint !== undefined && isPlaceholder(endpoint))
    addNote(
      profile,
      `${path.join('.')}.endpoint ${endpoint} is read from the environment at load time`,
    )
}

/** `=Env.OPENAI_API_KEY` → `OPENAI_API_KEY`. */
function envName(value: string): string | undefined {
  return /^=\s*Env\.([A-Za-z_][\w]*)\s*$/.exec(value.trim())?.[1]
}

// ---------------------------------------------------------------- GPT component

function readGptComponent(ctx: Context, root: DataRecord): void {
  const { profile, doc } = ctx
  const hint = asString(
    asRecord(asRecord(root.aISettings)?.model)?.modelNameHint,
  )
  if (hint !== undefined && profile.model.name === undefined) {
    profile.model.name = hint
    cite(profile, 'model', doc.lineOf(['aISettings']))
  }
  const capabilities = asRecord(root.gptCapabilities)
  const line = doc.lineOf(['gptCapabilities'])
  if (asBoolean(capabilities?.webBrowsing) === true) {
    addTool(profile, {
      name: 'webBrowsing',
      kind: 'search',
      readOnly: true,
      line,
      source: 'builtin',
    })
    profile.exposure.untrustedInput = true
  }
  if (asBoolean(capabilities?.codeInterpreter) === true) {
    addTool(profile, {
      name: 'codeInterpreter',
      kind: 'code-exec',
      line,
      source: 'builtin',
    })
    profile.autonomy.codeExecution = true
  }
  if (profile.tools.length > 0) cite(profile, 'tools', line)
  const conversation = asArray(root.conversationStarters)
  if (conversation && conversation.length > 0) {
    pushUnique(profile.triggers, 'chat')
    pushUnique(profile.exposure.channels, 'chat')
  }
}

// ---------------------------------------------------------------- tools

function readTools(ctx: Context, value: unknown): void {
  const { profile, doc, problems, file } = ctx
  if (value === undefined) return
  const list = asArray(value)
  if (!list) {
    problems.push(
      problem(file, doc.lineOf(['tools']), 'tools must be a list', {
        field: 'tools',
      }),
    )
    return
  }
  if (list.length > 0) cite(profile, 'tools', doc.lineOf(['tools']))
  const coded: string[] = []
  list.forEach((item, index) => {
    const entry = asRecord(item)
    const line = doc.lineOf(['tools', index])
    if (!entry) {
      problems.push(
        problem(file, line, 'tool entry must be a mapping with a kind', {
          field: `tools[${index}]`,
          level: 'warning',
        }),
      )
      return
    }
    const tool = readTool(ctx, entry, index, line)
    addTool(profile, tool)
    if (tool.source === 'code') coded.push(tool.name)
  })
  if (coded.length > 0)
    addNote(
      profile,
      `tools are bound in code (function ${coded.join(', ')}); the manifest shows their signatures only and under-reports what they do`,
    )
}

function readTool(
  ctx: Context,
  entry: DataRecord,
  index: number,
  line: number | undefined,
): Tool {
  const kind = (asString(entry.kind) ?? asString(entry.type) ?? '')
    .toLowerCase()
    .replace(/[- ]/g, '_')
  const name =
    asString(entry.name) ?? asString(entry.serverName) ?? (kind || 'tool')
  const description = asString(entry.description)
  if (kind === 'mcp') return mcpTool(ctx, entry, name, index, line)
  const hosted = ownValue(HOSTED_TOOLS, kind)
  if (hosted?.kind === 'code-exec') ctx.profile.autonomy.codeExecution = true
  if (hosted?.untrusted) ctx.profile.exposure.untrustedInput = true
  readConnection(ctx, asRecord(entry.connection), [
    'tools',
    index,
    'connection',
  ])
  return {
    name,
    kind: hosted?.kind ?? classifyTool(name, description),
    description,
    line,
    readOnly: hosted?.readOnly,
    source:
      kind === 'function' || kind === ''
        ? 'code'
        : kind === 'openapi'
          ? 'openapi'
          : kind === 'custom'
            ? 'plugin'
            : hosted
              ? 'builtin'
              : 'declared',
  }
}

function mcpTool(
  ctx: Context,
  entry: DataRecord,
  name: string,
  index: number,
  line: number | undefined,
): Tool {
  const { profile } = ctx
  const url =
    asString(entry.url) ??
    asString(entry.serverUrl) ??
    asString(asRecord(entry.connection)?.endpoint)
  const allowed = asStrings(entry.allowedTools)
  const reading = mcpServerTool(
    name,
    { url, headers: entry.headers, tools: allowed },
    line,
  )
  recordServerReading(profile, reading)
  readConnection(ctx, asRecord(entry.connection), [
    'tools',
    index,
    'connection',
  ])
  if (allowed.length > 0) {
    profile.controls.allowlists = true
    cite(
      profile,
      'controls.allowlists',
      ctx.doc.lineOf(['tools', index, 'allowedTools']),
    )
  } else {
    addNote(
      profile,
      `MCP tool ${name} exposes every tool of its server (no allowedTools)`,
    )
  }
  const approval = approvalOf(entry.approvalMode ?? entry.requireApproval)
  const approvalField =
    entry.approvalMode !== undefined ? 'approvalMode' : 'requireApproval'
  if (approval.note) addNote(profile, `MCP tool ${name}: ${approval.note}`)
  if (approval.required !== undefined)
    cite(
      profile,
      'controls.humanApproval',
      ctx.doc.lineOf(['tools', index, approvalField]),
    )
  return {
    ...reading.tool,
    kind: allowedKind(allowed) ?? reading.tool.kind,
    requiresApproval: approval.required,
  }
}

/** The kind the allowed tools share (`microsoft_docs_search` → search). */
function allowedKind(allowed: readonly string[]): ToolKind | undefined {
  const kinds = new Set(allowed.map((name) => classifyTool(name)))
  const [kind] = [...kinds]
  return kinds.size === 1 && kind !== 'other' ? kind : undefined
}

interface Approval {
  readonly required?: boolean
  readonly note?: string
}

/**
 * `always`/`never`, `{kind: always|never|specify|toolSpecify, …}`, or the
 * Foundry `requireApproval` values (`always`, `never`, `requireSpecific`,
 * `{always: {toolNames}, never: {toolNames}}`).
 */
function approvalOf(value: unknown): Approval {
  if (value === undefined)
    return {
      note: 'no approval mode: approval is left to the hosting service default',
    }
  const record = asRecord(value)
  const raw = asString(value) ?? asString(record?.kind) ?? ''
  const mode = raw.toLowerCase()
  if (mode === 'always') return { required: true }
  if (mode === 'never')
    return { required: false, note: 'calls run without approval (never)' }
  const always = [
    ...asStrings(record?.alwaysRequireApprovalTools),
    ...asStrings(asRecord(record?.always)?.toolNames),
  ]
  const never = [
    ...asStrings(record?.neverRequireApprovalTools),
    ...asStrings(asRecord(record?.never)?.toolNames),
  ]
  if (always.length > 0 || never.length > 0)
    return {
      note: `approval for some tools only (always: ${always.join(', ') || 'none'}; never: ${never.join(', ') || 'none'})`,
    }
  return {
    note: `approval mode ${raw || 'unknown'} names no tools: approval is not stated`,
  }
}
