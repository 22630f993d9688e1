import {
  addCredential,
  addNote,
  addTool,
  cite,
  classifyTool,
  mcpServerTool,
  problem,
  pushUnique,
  recordServerReading,
  type AgentProfile,
} from '../../manifest/kit.js'
import { CREDENTIAL_NAME } from './map-agent.js'
import type { Context, Document } from './map.js'
import type { HeaderFrom, Tool } from './schema.js'

const READ_NAME =
  /^(?:[a-z0-9]+_)?(get|list|describe|check|search|read|show|view|query|fetch|lookup)(_|$)/i

export function readTool(
  context: Context,
  profile: AgentProfile,
  tool: Tool,
  line: number | undefined,
  namespace: string | undefined,
): void {
  const { type } = tool
  if (type === 'McpServer' || (type === undefined && tool.mcpServer.set)) {
    readMcpServerTool(context, profile, tool, line)
  } else if (type === 'Agent' || (type === undefined && tool.agent.set)) {
    readAgentTool(profile, tool.agent, line, namespace)
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
  tool: Tool,
  line: number | undefined,
): void {
  const mcp = tool.mcpServer
  const reference = mcp.toolServer ?? mcp.name ?? 'mcp-server'
  const serverName = reference.slice(reference.lastIndexOf('/') + 1)
  const { toolNames } = mcp
  const server = context.servers.get(serverName)
  const entry: Record<string, unknown> = server ? serverEntry(server) : {}
  if (toolNames.length > 0) entry.tools = toolNames
  const reading = mcpServerTool(serverName, entry, line)
  if (!server) {
    addNote(
      profile,
      `MCP server ${reference}${mcp.kind ? ` (${mcp.kind})` : ''} is defined outside this file`,
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
      requiresApproval: mcp.requireApproval.includes(name),
      server: reading.tool.server,
    })
  }
  recordServerReading(profile, reading)
  for (const credential of [
    ...headerSecrets(tool.headersFrom),
    ...headerSecrets(server?.resource.server?.headersFrom ?? []),
  ])
    addCredential(profile, credential)
  if (reading.memory) profile.memory.kind = 'persistent'
  if (mcp.allowedHeaders.some((h) => /^authorization$/i.test(h))) {
    profile.identity.kind = 'delegated'
    cite(profile, 'identity', line)
    addNote(
      profile,
      `it forwards the caller's Authorization header to ${serverName}: tools act on the caller's behalf`,
    )
  }
}

/** A server resource of the file, in the shape the shared MCP reader takes. */
function serverEntry({ resource }: Document): Record<string, unknown> {
  const spec = resource.server
  if (!spec) return {}
  if (resource.kind === 'RemoteMCPServer') {
    return {
      url: spec.url,
      type: spec.protocol?.toLowerCase().includes('sse') ? 'sse' : 'http',
      headers: Object.fromEntries(
        spec.headersFrom.map((h) => [h.name ?? 'header', '']),
      ),
    }
  }
  const { deployment } = spec
  if (deployment) {
    return {
      command: deployment.cmd ?? deployment.image,
      args: deployment.args,
      env: Object.fromEntries(deployment.env),
    }
  }
  const { stdio, sse, streamableHttp } = spec.config
  const remote = sse.at ?? streamableHttp
  if (stdio) return { command: stdio.command, args: stdio.args, env: stdio.env }
  if (remote) {
    return {
      url: remote.url,
      headers: remote.headers,
      type: sse.set ? 'sse' : 'http',
    }
  }
  return {}
}

/** Header names whose values come from Secrets (`headersFrom`). */
function headerSecrets(headers: readonly HeaderFrom[]): string[] {
  return headers
    .filter(
      (entry) => entry.fromSecret || CREDENTIAL_NAME.test(entry.name ?? ''),
    )
    .map((entry) => entry.name ?? '')
    .filter(Boolean)
}

function readAgentTool(
  profile: AgentProfile,
  agent: Tool['agent'],
  line: number | undefined,
  ownNamespace: string | undefined,
): void {
  const reference = agent.ref ?? agent.name
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
    : agent.namespace
  if (namespace && namespace !== (ownNamespace ?? 'default')) {
    addNote(profile, `it calls agent ${name} in namespace ${namespace}`)
  }
}

export function readApproval(
  profile: AgentProfile,
  line: number | undefined,
): void {
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
