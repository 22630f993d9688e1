/**
 * kagent `Agent` resources: Kubernetes YAML with `apiVersion:
 * kagent.dev/v1alpha1` or `v1alpha2` and `kind: Agent`. A file may hold many
 * documents separated by `---`; each is parsed on its own with its line
 * numbers kept. Other kinds in the file are ignored, except that a
 * `ModelConfig` and an MCP server resource (`RemoteMCPServer`, `MCPServer`,
 * `ToolServer`) an agent names are used to fill in its model and servers. A
 * Kubernetes file without a kagent Agent is rejected.
 *
 * Fields → profile: metadata.name → name (source line: metadata.name);
 * spec.description; v1alpha1 spec.systemMessage / v1alpha2
 * spec.declarative.systemMessage → instructions (systemMessageFrom and
 * promptTemplate → a note: the prompt lives in a ConfigMap or Secret);
 * modelConfig → model, resolved through a ModelConfig in the same file
 * (model, provider, temperature, API key secret → credentials), else a note;
 * tools[] type McpServer (v1alpha1 toolServer, v1alpha2 name/kind) → one tool
 * per toolNames entry, or one wildcard tool for the whole server when
 * toolNames is absent, read through the shared MCP reader; requireApproval →
 * those tools need approval; allowedHeaders with Authorization → delegated
 * identity; headersFrom and deployment env from secrets → credentials; tools
 * type Agent → an agent-call tool and a sub-agent (parent set for agents of
 * the same file); a2aConfig.skills → skills; memory (v1alpha1 list of Memory
 * names, v1alpha2 {modelConfig, ttlDays}) → persistent memory;
 * executeCodeBlocks → codeExecution; serviceAccountName → fixed identity.
 *
 * Defaults: every agent is a service in the cluster, served over A2A by the
 * kagent controller (reach internal, channel a2a, chat and api triggers). A
 * v1alpha2 agent without modelConfig uses `default-model-config`. Tools run
 * without confirmation unless listed in requireApproval: once an agent has
 * tools, humanApproval is false unless one of them needs approval. No tools
 * list → no tools. A BYO agent's behaviour is in its image: a note says the
 * manifest under-reports. The parsed document is handed back only when the
 * file holds a single Agent, so that an embedded aivss block can never be
 * applied to agents of other documents.
 */
import { addCredential } from '../manifest/credentials.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import { problem, rejected } from '../manifest/result.js'
import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asString,
  asStrings,
  entriesOf,
  isPlaceholder,
  type DataRecord,
} from '../parse/data.js'
import {
  parseYamlDocument,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'
import { problemFrom, type Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type { AgentProfile, Model } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const FORMAT = 'kagent-agent'
const API_GROUP = /^kagent\.dev\/v1alpha[12]$/
/**
 * Names of env vars and headers that hold credentials. Narrower than the
 * kit's isCredentialName (no bearer); kept so, since widening it would
 * change what manifests report.
 */
const CREDENTIAL_NAME = /key|token|secret|pass|auth|credential|cookie/i
const READ_NAME =
  /^(?:[a-z0-9]+_)?(get|list|describe|check|search|read|show|view|query|fetch|lookup)(_|$)/i

const kagentAgent: FormatModule = {
  id: FORMAT,
  title: 'kagent Agent',
  nameEndings: ['.yaml', '.yml'],
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    /^apiVersion[ \t]*:[ \t]*["']?kagent\.dev\/v1alpha[12]\b/m.test(head) &&
    /^kind[ \t]*:[ \t]*["']?Agent["']?[ \t]*(#.*)?$/m.test(head),
  parse,
}
export default kagentAgent

interface Resource {
  readonly doc: ParsedDocument
  readonly value: DataRecord
  readonly apiVersion: string
  readonly kind: string
  readonly name: string
}

/** The other resources of the file an agent may refer to, by name. */
interface Context {
  readonly file: string
  readonly modelConfigs: ReadonlyMap<string, Resource>
  readonly servers: ReadonlyMap<string, Resource>
  readonly problems: Problem[]
}

function parse(file: ManifestFile): FormatResult {
  const { resources, problems } = readResources(file)
  const agentDocs = resources.filter(
    (r) => r.kind === 'Agent' && API_GROUP.test(r.apiVersion),
  )
  if (agentDocs.length === 0) {
    if (problems.length > 0) return { agents: [], problems }
    const kinds = [
      ...new Set(
        resources.map((r) => `${r.kind || '?'} (${r.apiVersion || '?'})`),
      ),
    ]
    return rejected(
      kinds.length > 0
        ? `Kubernetes manifest without a kagent Agent (found ${kinds.join(', ')})`
        : 'no kagent Agent resource',
    )
  }
  const context: Context = {
    file: file.path,
    modelConfigs: byName(
      resources.filter(
        (r) => r.kind === 'ModelConfig' && /^kagent\.dev\//.test(r.apiVersion),
      ),
    ),
    servers: byName(
      resources.filter((r) =>
        ['RemoteMCPServer', 'MCPServer', 'ToolServer'].includes(r.kind),
      ),
    ),
    problems,
  }
  const agents = agentDocs.map((resource) => readAgent(context, resource))
  linkAgents(agents)
  return {
    agents,
    problems,
    document: agentDocs.length === 1 ? agentDocs[0]?.doc : undefined,
  }
}

/** Every document of the stream that parses to a mapping. */
function readResources(file: ManifestFile): {
  resources: Resource[]
  problems: Problem[]
} {
  const problems: Problem[] = []
  const resources: Resource[] = []
  for (const chunk of splitDocuments(file.text)) {
    if (!/^[ \t]*[^\s#]/m.test(chunk.text)) continue
    let doc: ParsedDocument
    try {
      doc = parseYamlDocument(chunk.text, file.path, chunk.lineOffset)
    } catch (error) {
      // Only a broken kagent document is this format's problem to report.
      if (/kagent\.dev/.test(chunk.text)) {
        const found = problemFrom(error, file.path)
        problems.push({
          ...found,
          line: Math.max(found.line ?? 1, chunk.lineOffset + 1),
        })
      }
      continue
    }
    const value = asRecord(doc.value)
    if (!value) continue
    resources.push({
      doc,
      value,
      apiVersion: asString(value.apiVersion) ?? '',
      kind: asString(value.kind) ?? '',
      name: asString(asRecord(value.metadata)?.name) ?? '',
    })
  }
  return { resources, problems }
}

function byName(resources: readonly Resource[]): Map<string, Resource> {
  return new Map(resources.map((r) => [r.name, r]))
}

/**
 * Splits a YAML stream at `---` and `...` lines, keeping each document's
 * first line so that its line numbers stay those of the file.
 */
function splitDocuments(
  text: string,
): Array<{ text: string; lineOffset: number }> {
  const lines = text.split('\n')
  const chunks: Array<{ text: string; lineOffset: number }> = []
  let current: string[] = []
  let start = 0
  lines.forEach((line, index) => {
    const marker = /^(---|\.\.\.)(?=\s|$)/.exec(line)
    if (!marker) {
      current.push(line)
      return
    }
    chunks.push({ text: current.join('\n'), lineOffset: start })
    start = index
    current = [line.slice(marker[0].length).replace(/^\s*(#.*)?$/, '')]
  })
  chunks.push({ text: current.join('\n'), lineOffset: start })
  return chunks
}

// ---------------------------------------------------------------- one agent

function readAgent(context: Context, resource: Resource): AgentProfile {
  const { doc, value } = resource
  const spec = asRecord(value.spec) ?? {}
  const metadata = asRecord(value.metadata) ?? {}
  const namespace = asString(metadata.namespace)
  const nameLine = doc.lineOf(['metadata', 'name']) ?? doc.lineOf(['kind'])
  if (!resource.name) {
    context.problems.push(
      problem(
        context.file,
        doc.lineOf(['kind']),
        'an Agent needs metadata.name',
        {
          field: 'metadata.name',
          level: 'warning',
        },
      ),
    )
  }
  const profile = newProfile({
    name: resource.name || 'agent',
    format: FORMAT,
    file: context.file,
    line: nameLine ?? 1,
  })
  cite(profile, 'name', nameLine)
  profile.description = asString(spec.description)
  const v2 = resource.apiVersion.endsWith('v1alpha2')
  const type = asString(spec.type) ?? (v2 ? 'Declarative' : undefined)
  const bodyPath: DataPath = v2
    ? type === 'BYO'
      ? ['spec', 'byo']
      : ['spec', 'declarative']
    : ['spec']
  const body =
    (v2 ? asRecord(spec[type === 'BYO' ? 'byo' : 'declarative']) : spec) ?? {}
  const at = (...path: DataPath): number | undefined =>
    doc.lineOf([...bodyPath, ...path])
  if (type === 'BYO') {
    const image = asString(asRecord(body.deployment)?.image)
    addNote(
      profile,
      `BYO agent: its behaviour is in the image ${image ?? '(unnamed)'}; the manifest under-reports its tools`,
    )
  } else {
    readInstructions(profile, body, at)
    readModel(
      context,
      profile,
      asString(body.modelConfig) ?? (v2 ? 'default-model-config' : undefined),
      at('modelConfig'),
    )
  }
  ;(asArray(body.tools) ?? []).forEach((tool, index) =>
    readTool(
      context,
      profile,
      asRecord(tool) ?? {},
      at('tools', index),
      namespace,
    ),
  )
  if (body.tools !== undefined) cite(profile, 'tools', at('tools'))
  readApproval(profile, at('tools'))
  readMemory(profile, v2 ? body.memory : spec.memory, at('memory'))
  readDeployment(profile, asRecord(body.deployment), at('deployment'))
  readExposure(profile, body, namespace, resource.name, at('a2aConfig'))
  readExtras(profile, spec, body, at)
  return profile
}

function readInstructions(
  profile: AgentProfile,
  body: DataRecord,
  at: (...path: DataPath) => number | undefined,
): void {
  const message = asString(body.systemMessage)
  if (message?.trim()) {
    profile.instructions = message.trim()
    cite(profile, 'instructions', at('systemMessage'))
  }
  const from = asRecord(body.systemMessageFrom)
  if (from) {
    addNote(
      profile,
      `its system message is read from ${asString(from.type) ?? 'a resource'} ${asString(from.name) ?? ''}`.trim(),
    )
    cite(profile, 'instructions', at('systemMessageFrom'))
  }
  if (body.promptTemplate !== undefined) {
    addNote(profile, 'promptTemplate: parts of its prompt come from ConfigMaps')
  }
}

function readModel(
  context: Context,
  profile: AgentProfile,
  reference: string | undefined,
  line: number | undefined,
): void {
  if (!reference) return
  cite(profile, 'model', line)
  const short = reference.slice(reference.lastIndexOf('/') + 1)
  const config = context.modelConfigs.get(short)
  if (!config) {
    addNote(
      profile,
      `its model comes from ModelConfig ${reference}, defined outside this file`,
    )
    return
  }
  const spec = asRecord(config.value.spec) ?? {}
  const model: Model = {
    name: asString(spec.model),
    provider: asString(spec.provider),
  }
  for (const [, options] of entriesOf(spec)) {
    const temperature = numeric(asRecord(options)?.temperature)
    if (temperature !== undefined) model.temperature = temperature
  }
  if ([spec.model, spec.provider].some(isPlaceholder)) model.unresolved = true
  profile.model = model
  const secret = asString(spec.apiKeySecret) ?? asString(spec.apiKeySecretRef)
  if (secret && !profile.identity.credentials.includes(secret))
    addCredential(profile, secret, line)
}

/**
 * kagent writes some numbers as strings (`temperature: "0.2"`). Looser than
 * the kit's asNumeric, which takes plain digits only: any string Number()
 * reads counts here.
 */
function numeric(value: unknown): number | undefined {
  if (typeof value === 'string' && value.trim() !== '') {
    return asNumber(Number(value))
  }
  return asNumber(value)
}

// ---------------------------------------------------------------- tools

function readTool(
  context: Context,
  profile: AgentProfile,
  tool: DataRecord,
  line: number | undefined,
  namespace: string | undefined,
): void {
  const type = asString(tool.type)
  if (type === 'McpServer' || (type === undefined && tool.mcpServer)) {
    readMcpServerTool(context, profile, tool, line)
  } else if (type === 'Agent' || (type === undefined && tool.agent)) {
    readAgentTool(profile, asRecord(tool.agent) ?? {}, line, namespace)
  } else {
    context.problems.push(
      problem(context.file, line, `unknown tool type "${type ?? ''}"`, {
        help: 'kagent tools are of type McpServer or Agent.',
        level: 'warning',
      }),
    )
  }
}

function readMcpServerTool(
  context: Context,
  profile: AgentProfile,
  tool: DataRecord,
  line: number | undefined,
): void {
  const mcp = asRecord(tool.mcpServer) ?? {}
  const reference =
    asString(mcp.toolServer) ?? asString(mcp.name) ?? 'mcp-server'
  const serverName = reference.slice(reference.lastIndexOf('/') + 1)
  const toolNames = asStrings(mcp.toolNames)
  const approval = asStrings(mcp.requireApproval)
  const server = context.servers.get(serverName)
  const entry = server ? serverEntry(server) : {}
  if (toolNames.length > 0) entry.tools = toolNames
  const reading = mcpServerTool(serverName, entry, line)
  if (!server) {
    addNote(
      profile,
      `MCP server ${reference}${asString(mcp.kind) ? ` (${asString(mcp.kind)})` : ''} is defined outside this file`,
    )
  }
  if (toolNames.length === 0) {
    addTool(profile, reading.tool)
    addNote(profile, `no toolNames: every tool of ${serverName} is available`)
  }
  for (const name of toolNames) {
    const kind = classifyTool(name)
    addTool(profile, {
      name,
      kind: kind === 'other' ? reading.tool.kind : kind,
      line,
      source: 'mcp',
      readOnly: READ_NAME.test(name) ? true : undefined,
      requiresApproval: approval.includes(name),
      server: reading.tool.server,
    })
  }
  recordServerReading(profile, reading)
  for (const credential of [
    ...headerSecrets(tool.headersFrom),
    ...(server ? headerSecrets(asRecord(server.value.spec)?.headersFrom) : []),
  ])
    addCredential(profile, credential)
  if (reading.memory) profile.memory.kind = 'persistent'
  const forwarded = asStrings(mcp.allowedHeaders)
  if (forwarded.some((h) => /^authorization$/i.test(h))) {
    profile.identity.kind = 'delegated'
    cite(profile, 'identity', line)
    addNote(
      profile,
      `it forwards the caller's Authorization header to ${serverName}: tools act on the caller's behalf`,
    )
  }
}

/** A server resource of the file, in the shape the shared MCP reader takes. */
function serverEntry(server: Resource): DataRecord {
  const spec = asRecord(server.value.spec) ?? {}
  if (server.kind === 'RemoteMCPServer') {
    return {
      url: spec.url,
      type: asString(spec.protocol)?.toLowerCase().includes('sse')
        ? 'sse'
        : 'http',
      headers: Object.fromEntries(
        (asArray(spec.headersFrom) ?? []).map((h) => [
          asString(asRecord(h)?.name) ?? 'header',
          '',
        ]),
      ),
    }
  }
  const deployment = asRecord(spec.deployment)
  if (deployment) {
    return {
      command: asString(deployment.cmd) ?? asString(deployment.image),
      args: deployment.args,
      env: Object.fromEntries(
        entriesOf(deployment.env).length > 0
          ? entriesOf(deployment.env)
          : (asArray(deployment.env) ?? []).map((e) => [
              asString(asRecord(e)?.name) ?? 'env',
              '',
            ]),
      ),
    }
  }
  const config = asRecord(spec.config) ?? {}
  const stdio = asRecord(config.stdio)
  const remote = asRecord(config.sse) ?? asRecord(config.streamableHttp)
  if (stdio) return { command: stdio.command, args: stdio.args, env: stdio.env }
  if (remote) {
    return {
      url: remote.url,
      headers: remote.headers,
      type: config.sse ? 'sse' : 'http',
    }
  }
  return {}
}

/** Header names whose values come from Secrets (`headersFrom`). */
function headerSecrets(value: unknown): string[] {
  return (asArray(value) ?? [])
    .map((entry) => asRecord(entry) ?? {})
    .filter(
      (entry) =>
        asString(asRecord(entry.valueFrom)?.type) === 'Secret' ||
        CREDENTIAL_NAME.test(asString(entry.name) ?? ''),
    )
    .map((entry) => asString(entry.name) ?? '')
    .filter(Boolean)
}

function readAgentTool(
  profile: AgentProfile,
  agent: DataRecord,
  line: number | undefined,
  ownNamespace: string | undefined,
): void {
  const reference = asString(agent.ref) ?? asString(agent.name)
  if (!reference) return
  const name = reference.slice(reference.lastIndexOf('/') + 1)
  addTool(profile, { name, kind: 'agent-call', line, source: 'a2a' })
  pushUnique(profile.subAgents, name)
  profile.delegation.canDelegate = true
  profile.delegation.mode = 'hierarchical'
  cite(profile, 'subAgents', line)
  cite(profile, 'delegation', line)
  const namespace = reference.includes('/')
    ? reference.slice(0, reference.indexOf('/'))
    : asString(agent.namespace)
  if (namespace && namespace !== (ownNamespace ?? 'default')) {
    addNote(profile, `it calls agent ${name} in namespace ${namespace}`)
  }
}

function readApproval(profile: AgentProfile, line: number | undefined): void {
  if (profile.tools.length === 0) return
  const approved = profile.tools.filter((t) => t.requiresApproval === true)
  profile.controls.humanApproval = approved.length > 0
  cite(profile, 'controls.humanApproval', line)
  if (approved.length === 0) {
    addNote(profile, 'no requireApproval: kagent runs its tools without asking')
  } else if (approved.length < profile.tools.length) {
    addNote(
      profile,
      `only ${approved.map((t) => t.name).join(', ')} need approval; its other tools run without asking`,
    )
  }
  for (const tool of profile.tools) {
    if (tool.source === 'mcp' && tool.requiresApproval === undefined) {
      tool.requiresApproval = false
    }
  }
}

// ---------------------------------------------------------------- the rest

function readMemory(
  profile: AgentProfile,
  memory: unknown,
  line: number | undefined,
): void {
  const names = asStrings(memory)
  const spec = asRecord(memory)
  if (names.length === 0 && !spec) return
  profile.memory.kind = 'persistent'
  profile.memory.writable = true
  profile.memory.stores.push(...(names.length > 0 ? names : ['kagent memory']))
  cite(profile, 'memory', line)
  const ttl = asNumber(spec?.ttlDays)
  addNote(
    profile,
    spec
      ? `long-term memory kept ${ttl ?? 15} days${ttl === undefined ? ' (the default)' : ''}`
      : `long-term memory in ${names.join(', ')}`,
  )
}

function readDeployment(
  profile: AgentProfile,
  deployment: DataRecord | undefined,
  line: number | undefined,
): void {
  if (!deployment) return
  for (const item of asArray(deployment.env) ?? []) {
    const env = asRecord(item) ?? {}
    const name = asString(env.name)
    const fromSecret = asRecord(asRecord(env.valueFrom)?.secretKeyRef)
    if (name && (fromSecret || CREDENTIAL_NAME.test(name)))
      addCredential(profile, name, line)
  }
  const account = asString(deployment.serviceAccountName)
  if (account) {
    profile.identity.kind ??= 'fixed'
    cite(profile, 'identity', line)
    addNote(profile, `it runs as the service account ${account}`)
  }
}

function readExposure(
  profile: AgentProfile,
  body: DataRecord,
  namespace: string | undefined,
  name: string,
  line: number | undefined,
): void {
  profile.exposure.reach = 'internal'
  profile.exposure.channels.push('a2a')
  profile.exposure.endpoint = `/api/a2a/${namespace ?? 'default'}/${name}`
  profile.triggers.push('chat', 'api')
  const skills = asArray(asRecord(body.a2aConfig)?.skills) ?? []
  for (const item of skills) {
    const skill = asRecord(item) ?? {}
    const skillName = asString(skill.name) ?? asString(skill.id)
    if (skillName) {
      profile.skills.push({
        name: skillName,
        description: asString(skill.description),
      })
    }
  }
  if (skills.length > 0) cite(profile, 'triggers', line)
}

function readExtras(
  profile: AgentProfile,
  spec: DataRecord,
  body: DataRecord,
  at: (...path: DataPath) => number | undefined,
): void {
  if (asBoolean(body.executeCodeBlocks) === true) {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', at('executeCodeBlocks'))
    addNote(
      profile,
      'executeCodeBlocks: it runs Python code blocks from the model',
    )
  }
  const skills = asRecord(spec.skills)
  if (skills) {
    const refs = [
      ...asStrings(skills.refs),
      ...(asArray(skills.gitRefs) ?? []).map(
        (g) => asString(asRecord(g)?.url) ?? '',
      ),
    ].filter(Boolean)
    addNote(
      profile,
      `it loads skills from ${refs.join(', ') || 'external sources'}`,
    )
    if (asBoolean(skills.insecureSkipVerify) === true) {
      addNote(profile, 'skills are fetched without TLS verification')
    }
  }
  if (spec.allowedNamespaces !== undefined) {
    addNote(profile, 'agents of other namespaces may call it as a tool')
  }
}

/** Agent tools naming an agent of the same file make it that agent's parent. */
function linkAgents(agents: readonly AgentProfile[]): void {
  const byName = new Map(agents.map((a) => [a.name, a]))
  for (const parent of agents) {
    for (const childName of parent.subAgents) {
      const child = byName.get(childName)
      if (child && child !== parent && child.parent === undefined) {
        child.parent = parent.name
      }
    }
  }
}
