/**
 * Amazon Q Developer CLI agents (`.amazonq/cli-agents/*.json`, also the
 * user-wide `.aws/amazonq/cli-agents/`) and Kiro CLI agents
 * (`.kiro/agents/*.json`): one JSON agent per file.
 *
 * Mapping: name (else the file name), description; prompt (inline, or a
 * `file://` path read from the scan) → instructions; tools → tools (`*` →
 * every tool: allTools; `@builtin` → every built-in tool; `@server` or
 * `@server/tool` → that MCP server's tools, from mcpServers when it is
 * configured there); allowedTools (glob patterns) → the tools that run
 * without asking (requiresApproval false), every other tool asks
 * (requiresApproval true); toolsSettings → allowlists when they narrow a
 * tool (execute_bash/shell allowedCommands, fs_write/write and fs_read/read
 * allowedPaths, use_aws/aws allowedServices) and notes for what they open or
 * refuse; resources → notes (files loaded into its context); hooks → notes
 * (their commands' output enters the prompt), guardrails or logging for Kiro's
 * tool hooks when they clearly are; useLegacyMcpJson / includeMcpJson → the
 * servers of `.amazonq/mcp.json` / `.kiro/settings/mcp.json` join
 * mcpServers; model → model.
 *
 * Defaults: no `tools` → no tools at all (the schema's default is an empty
 * list); a tool outside allowedTools keeps the host's own trust level:
 * fs_read and the tools that only look run unasked, every other tool and
 * every MCP tool asks (cited as the host default, see hosts/amazon-q.ts). use_aws acts with
 * the user's own AWS credentials (identity delegated). Reach is local; it
 * runs from a chat.
 */
import { harnessTool } from '../manifest/harness-tools.js'
import {
  hostDefaultText,
  setApproval,
  settleApproval,
} from '../manifest/host-defaults.js'
import { AMAZON_Q_MCP_ASKS } from '../manifest/hosts/amazon-q.js'
import { applyHooks, hookCommands } from '../manifest/hooks.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { harnessModel } from '../manifest/models.js'
import {
  fileStem,
  joinPath,
  pathSegments,
  splitPath,
} from '../manifest/paths.js'
import {
  approvalOf,
  globPattern,
  isReadOnlyCommand,
} from '../manifest/permissions.js'
import { parseMapping, problem } from '../manifest/result.js'
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
  entriesOf,
  type DataRecord,
} from '../parse/data.js'
import { parseJsonDocument, type ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  listSummary,
  newProfile,
} from '../profile/build.js'
import type { AgentProfile, Tool } from '../profile/schema.js'

const FORMAT = 'amazon-q-agent'

/** The built-in tools each host has, by the names it gives them. */
const BUILTINS = {
  q: [
    'fs_read',
    'fs_write',
    'execute_bash',
    'use_aws',
    'knowledge',
    'introspect',
    'report_issue',
    'todo_list',
  ],
  kiro: [
    'read',
    'write',
    'shell',
    'aws',
    'knowledge',
    'introspect',
    'todo_list',
    'web_search',
    'web_fetch',
  ],
} as const
/** toolsSettings keys, by what they narrow. */
const SHELL = ['execute_bash', 'shell', 'execute_cmd']
const WRITE = ['fs_write', 'write']
const READ = ['fs_read', 'read']
const AWS = ['use_aws', 'aws']

const amazonQ: FormatModule = {
  id: FORMAT,
  title: 'Amazon Q / Kiro CLI agent',
  nameEndings: ['.json'],
  matchPath,
  parse,
}
export default amazonQ

function matchPath(path: string): 'yes' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  if (!/\.json$/i.test(name)) return 'no'
  const parent = segments[segments.length - 2]
  const grand = segments[segments.length - 3]
  if (parent === 'cli-agents' && grand === 'amazonq') return 'yes'
  if (parent === 'cli-agents' && grand === '.amazonq') return 'yes'
  return parent === 'agents' && grand === '.kiro' ? 'yes' : 'no'
}

function isKiro(path: string): boolean {
  return pathSegments(path).includes('.kiro')
}

function parse(file: ManifestFile): FormatResult {
  const parsed = parseMapping(
    file,
    'json',
    'not a JSON object: not an Amazon Q or Kiro agent',
  )
  if (!parsed.ok) return parsed.result
  const { doc, root: data } = parsed
  const problems: Problem[] = []
  const profile = toProfile(file, data, doc, problems)
  return { agents: [profile], problems, document: doc }
}

function toProfile(
  file: ManifestFile,
  data: DataRecord,
  doc: ParsedDocument,
  problems: Problem[],
): AgentProfile {
  const kiro = isKiro(file.path)
  const name = asString(data.name)?.trim() || fileStem(file.path, /\.json$/i)
  const profile = newProfile({
    name,
    format: FORMAT,
    file: file.path,
    line: doc.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', doc.lineOf(['name']))
  const description = asString(data.description)?.trim()
  if (description) profile.description = description
  profile.exposure.reach = 'local'
  profile.triggers.push('chat')
  readPrompt(profile, data, doc, file)
  const model = asString(data.model)
  if (model) {
    profile.model = harnessModel(model)
    cite(profile, 'model', doc.lineOf(['model']))
  } else addNote(profile, "no model: it runs on the CLI's default model")

  const servers = serversOf(data, doc, file, kiro)
  readTools(profile, data, doc, servers, kiro, problems, file.path)
  readAllowed(profile, data, doc)
  readSettings(profile, asRecord(data.toolsSettings), doc)
  const approval = approvalOf(profile.tools)
  const line = doc.lineOf(['allowedTools'])
  if (approval !== undefined && line === undefined) {
    // No allowedTools: the host's defaults decided every approval.
    settleApproval(profile)
  } else if (approval !== undefined) {
    profile.controls.humanApproval = approval
    cite(profile, 'controls.humanApproval', line)
  }
  readResources(profile, data)
  readHooks(profile, data, doc)
  const aws = profile.tools.find(
    (t) => t.kind === 'cloud-admin' && t.source === 'builtin',
  )
  if (aws) {
    profile.identity.kind = 'delegated'
    cite(profile, 'identity', aws.line)
    addNote(profile, `${aws.name} acts with the user's own AWS credentials`)
  }
  return profile
}

function readPrompt(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
  file: ManifestFile,
): void {
  const prompt = asString(data.prompt)?.trim()
  if (!prompt) return
  cite(profile, 'instructions', doc.lineOf(['prompt']))
  const ref = /^file:\/\/(.+)$/.exec(prompt)?.[1]
  if (!ref) {
    profile.instructions = prompt
    return
  }
  // Absolute and home paths are outside the scan.
  const path = /^(\/|~)/.test(ref)
    ? undefined
    : joinPath(splitPath(file.path).dir, ref, { clampAtRoot: true })
  const text = path === undefined ? undefined : file.readSibling(path)
  if (text !== undefined) profile.instructions = text.trim()
  addNote(
    profile,
    `instructions are read from ${ref}${text === undefined ? ', which is not in the scan' : ''}`,
  )
}

interface Server {
  readonly config: unknown
  readonly line: number | undefined
  readonly from: string
}

/** mcpServers of the file, plus the legacy workspace file when it is included. */
function serversOf(
  data: DataRecord,
  doc: ParsedDocument,
  file: ManifestFile,
  kiro: boolean,
): Map<string, Server> {
  const servers = new Map<string, Server>()
  const legacy =
    asBoolean(data.useLegacyMcpJson) === true ||
    asBoolean(data.includeMcpJson) === true
  if (legacy) {
    const root = /^(.*?)(\.amazonq\/cli-agents|\.kiro\/agents)\/[^/]+$/.exec(
      file.path,
    )?.[1]
    const path = `${root ?? ''}${kiro ? '.kiro/settings/mcp.json' : '.amazonq/mcp.json'}`
    const text = root === undefined ? undefined : file.readSibling(path)
    if (text !== undefined) {
      try {
        const legacyDoc = parseJsonDocument(text, path)
        for (const [name, config] of entriesOf(
          asRecord(legacyDoc.value)?.mcpServers,
        ))
          servers.set(name, { config, line: undefined, from: path })
      } catch {
        // The MCP config format reports its own syntax errors.
      }
    }
  }
  for (const [name, config] of entriesOf(data.mcpServers))
    servers.set(name, {
      config,
      line: doc.lineOf(['mcpServers', name]),
      from: '',
    })
  return servers
}

function readTools(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
  servers: ReadonlyMap<string, Server>,
  kiro: boolean,
  problems: Problem[],
  file: string,
): void {
  const list = asArray(data.tools)
  if (!list) {
    if (data.tools !== undefined)
      problems.push(
        problem(
          file,
          doc.lineOf(['tools']),
          'tools must be a list of tool names',
          { field: 'tools' },
        ),
      )
    addNote(profile, 'no tools list: the agent has no tools')
    for (const name of servers.keys())
      addNote(profile, `MCP server ${name} is configured but not in tools`)
    return
  }
  cite(profile, 'tools', doc.lineOf(['tools']))
  const whole = new Set<string>()
  const partial = new Set<string>()
  list.forEach((item, i) => {
    const entry = asString(item)?.trim()
    if (!entry) return
    const line = doc.lineOf(['tools', i])
    if (entry === '*') {
      profile.allTools = true
      addNote(
        profile,
        'tools: * gives it every built-in tool and every MCP server tool',
      )
      for (const name of BUILTINS[kiro ? 'kiro' : 'q'])
        addTool(profile, harnessTool(name, line, 'amazon-q').tool)
      for (const name of servers.keys()) whole.add(name)
      return
    }
    if (entry === '@builtin') {
      for (const name of BUILTINS[kiro ? 'kiro' : 'q'])
        addTool(profile, harnessTool(name, line, 'amazon-q').tool)
      return
    }
    const server = /^@([^/]+)(?:\/(.+))?$/.exec(entry)
    const name = server?.[1] ?? ''
    if (server && servers.has(name)) {
      if (server[2] === undefined) whole.add(name)
      else {
        partial.add(name)
        addTool(profile, harnessTool(entry, line, 'amazon-q').tool)
      }
      return
    }
    addTool(profile, harnessTool(entry, line, 'amazon-q').tool)
  })
  for (const [name, server] of servers) {
    if (whole.has(name)) addServer(profile, name, server, true)
    else if (partial.has(name)) addServer(profile, name, server, false)
    else
      addNote(
        profile,
        `MCP server ${name} is configured but none of its tools is in tools`,
      )
  }
}

/**
 * A server the tools list reaches: its own tool when the whole server is
 * listed; otherwise only its details (process, credentials) for the tools
 * named one by one.
 */
function addServer(
  profile: AgentProfile,
  name: string,
  server: Server,
  whole: boolean,
): void {
  const reading = mcpServerTool(name, server.config, server.line)
  if (reading.disabled) {
    addNote(profile, `MCP server ${name} is disabled`)
    return
  }
  if (whole) addTool(profile, reading.tool)
  else
    for (const tool of profile.tools)
      if (tool.name.startsWith(`@${name}/`)) tool.server = reading.tool.server
  recordServerReading(profile, reading)
  if (reading.memory) {
    profile.memory.kind = 'persistent'
    profile.memory.stores.push(name)
  }
  if (server.from)
    addNote(profile, `MCP server ${name} comes from ${server.from}`)
}

/** The name a tool answers to in allowedTools: `@server` for a whole server. */
function allowName(tool: Tool): string {
  return tool.source === 'mcp' && !tool.name.startsWith('@')
    ? `@${tool.name}`
    : tool.name
}

function readAllowed(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
): void {
  const allowed = asStrings(data.allowedTools)
  const tests = allowed
    .filter((a) => a !== '*')
    .map((pattern) => globPattern(pattern, { questionMark: true }))
  for (const tool of profile.tools) {
    const name = allowName(tool)
    const listed = tests.some(
      (test) =>
        test.test(name) ||
        (name.startsWith('@') && test.test(name.split('/')[0] ?? '')),
    )
    if (listed) {
      tool.requiresApproval = false
      continue
    }
    // Not in allowedTools: the host's own trust level for the tool, which
    // asks for everything but the tools that only look.
    const asks =
      tool.source === 'mcp'
        ? AMAZON_Q_MCP_ASKS
        : (harnessTool(tool.name, undefined, 'amazon-q').asks ?? true)
    setApproval(tool, asks, hostDefaultText('amazon-q', tool.name, asks))
  }
  if (allowed.length > 0) cite(profile, 'tools', doc.lineOf(['allowedTools']))
  if (allowed.includes('*'))
    addNote(
      profile,
      'allowedTools "*" is not a wildcard there: it allows nothing',
    )
}

function readSettings(
  profile: AgentProfile,
  settings: DataRecord | undefined,
  doc: ParsedDocument,
): void {
  if (!settings) return
  const narrowed = (line: number | undefined): void => {
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', line)
  }
  for (const [key, value] of Object.entries(settings)) {
    const setting = asRecord(value)
    if (!setting) continue
    const lineOf = (field: string): number | undefined =>
      doc.lineOf(['toolsSettings', key, field])
    if (SHELL.includes(key)) {
      const commands = asStrings(setting.allowedCommands)
      if (commands.length > 0) {
        narrowed(lineOf('allowedCommands'))
        addNote(profile, `${key} runs without asking: ${listSummary(commands)}`)
        const shell = profile.tools.find((t) => t.name === key)
        if (shell && setting.denyByDefault === true) {
          shell.description = `only ${listSummary(commands)}`
          if (commands.every(isReadOnlyCommand)) shell.readOnly = true
        }
      }
      const denied = asStrings(setting.deniedCommands)
      if (denied.length > 0)
        addNote(profile, `${key} refuses: ${listSummary(denied)}`)
      if (setting.autoAllowReadonly === true)
        addNote(profile, `${key} runs read-only commands without asking`)
    } else if (WRITE.includes(key) || READ.includes(key)) {
      const paths = asStrings(setting.allowedPaths)
      if (paths.length > 0) {
        if (WRITE.includes(key)) narrowed(lineOf('allowedPaths'))
        addNote(
          profile,
          `${key} needs no confirmation in: ${listSummary(paths)}`,
        )
      }
      const denied = asStrings(setting.deniedPaths)
      if (denied.length > 0)
        addNote(profile, `${key} refuses: ${listSummary(denied)}`)
    } else if (AWS.includes(key)) {
      const services = asStrings(setting.allowedServices)
      if (services.length > 0) {
        narrowed(lineOf('allowedServices'))
        addNote(
          profile,
          `${key} is limited to the services ${listSummary(services)}`,
        )
      }
      const denied = asStrings(setting.deniedServices)
      if (denied.length > 0)
        addNote(profile, `${key} refuses: ${listSummary(denied)}`)
    }
  }
}

function readResources(profile: AgentProfile, data: DataRecord): void {
  const resources = asStrings(data.resources)
  if (resources.length > 0)
    addNote(profile, `files loaded into its context: ${listSummary(resources)}`)
}

function readHooks(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
): void {
  const hooks = hookCommands(data.hooks)
  if (hooks.length === 0) return
  const context = hooks.filter((h) =>
    /^(agentSpawn|userPromptSubmit)$/.test(h.event),
  )
  if (context.length > 0)
    addNote(
      profile,
      `hook output enters its prompt: ${listSummary(context.map((h) => h.command))}`,
    )
  applyHooks(profile, hooks, (path) => doc.lineOf(['hooks', ...path]))
}
