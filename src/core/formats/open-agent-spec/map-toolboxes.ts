import {
  addNote,
  addServerMemory,
  addTool,
  cite,
  classifyTool,
  mcpServerTool,
  pushUnique,
  recordServerReading,
  type AgentProfile,
  type DataPath,
  type Tool,
} from '../../manifest/kit.js'
import { follow, lineOf, type Context } from './map-context.js'
import type { Component, Link, Located } from './schema.js'

type McpServerReading = ReturnType<typeof mcpServerTool>

/** An agent's `toolboxes`: MCPToolBox (with its transport) and others. */
export function readToolboxes(
  ctx: Context,
  profile: AgentProfile,
  list: readonly Link[] | undefined,
  path: DataPath,
): void {
  if (!list) return
  if (list.length > 0) cite(profile, 'tools', lineOf(ctx, path))
  list.forEach((item, index) => {
    const box = follow(ctx, item, [...path, index])
    if (box) readToolbox(ctx, profile, box, lineOf(ctx, [...path, index]))
  })
}

function readToolbox(
  ctx: Context,
  profile: AgentProfile,
  box: Located,
  line: number | undefined,
): void {
  const spec = box.value
  const type = spec.component_type ?? 'ToolBox'
  const name = spec.name ?? spec.id ?? type
  const names = spec.tool_filter
  let tool: Tool
  if (type === 'MCPToolBox') {
    const transport = follow(ctx, spec.client_transport, [
      ...box.path,
      'client_transport',
    ])
    const entry = transport ? transportEntry(profile, transport.value) : {}
    const reading = mcpServerTool(name, { ...entry, tools: names }, line)
    applyReading(profile, reading)
    tool = { ...reading.tool }
  } else {
    tool = {
      name,
      kind: classifyTool(name, spec.description),
      line,
      source: 'declared',
      wildcard: names.length === 0,
    }
  }
  if (names.length === 0)
    addNote(
      profile,
      `${type} ${name} exposes every tool its server offers (no tool_filter)`,
    )
  else profile.controls.allowlists ??= true
  addConfirmableTool(ctx, profile, box, tool, name)
}

/** An MCPTool: one tool of the server its transport reaches. */
export function mcpTool(
  ctx: Context,
  profile: AgentProfile,
  loc: Located,
  name: string,
  line: number | undefined,
): Tool {
  const transport = follow(ctx, loc.value.client_transport, [
    ...loc.path,
    'client_transport',
  ])
  const reading = mcpServerTool(
    name,
    transport ? transportEntry(profile, transport.value) : {},
    line,
  )
  applyReading(profile, reading)
  const named = classifyTool(name, loc.value.description)
  return {
    ...reading.tool,
    kind: named === 'other' ? reading.tool.kind : named,
    wildcard: false,
  }
}

/**
 * How every tool and toolbox is added: `requires_confirmation` (false when
 * omitted) is its approval, then its tool policy is read.
 */
export function addConfirmableTool(
  ctx: Context,
  profile: AgentProfile,
  loc: Located,
  tool: Tool,
  name: string,
): void {
  const confirm = loc.value.requires_confirmation ?? false
  tool.requiresApproval = confirm
  if (confirm)
    cite(
      profile,
      'controls.humanApproval',
      lineOf(ctx, [...loc.path, 'requires_confirmation']),
    )
  readToolPolicy(profile, loc.value, name)
  addTool(profile, tool)
}

/** A pyagentspec transport as the MCP entry shape the shared reader knows. */
function transportEntry(
  profile: AgentProfile,
  transport: Component,
): Record<string, unknown> {
  const type = transport.component_type ?? ''
  // Names only (values may be secrets), as own keys whatever they are.
  const headers: Record<string, unknown> = Object.fromEntries(
    [...transport.headers, ...transport.sensitive_headers].map((name) => [
      name,
      '',
    ]),
  )
  if (/mTLS/i.test(type)) pushUnique(profile.identity.authSchemes, 'mtls')
  const { auth } = transport
  if (auth)
    addNote(
      profile,
      `MCP transport authenticates with ${auth.component_type ?? 'an auth config'}`,
    )
  if (/Stdio/i.test(type)) {
    return {
      command: transport.command,
      args: transport.args,
      env: transport.env,
    }
  }
  return {
    type: /SSE/i.test(type) ? 'sse' : 'http',
    url: transport.url,
    headers,
    auth: auth ? 'oauth' : undefined,
  }
}

function applyReading(profile: AgentProfile, reading: McpServerReading): void {
  recordServerReading(profile, reading)
  if (reading.memory) addServerMemory(profile, reading.tool.name)
}

/** pyagentspec ToolPolicy: approval and rate-limit guards, allowed callers. */
function readToolPolicy(
  profile: AgentProfile,
  spec: Component,
  name: string,
): void {
  const policy = spec.tool_policy
  if (!policy) return
  for (const type of policy.guards) {
    if (type === 'rate_limit') profile.controls.rateLimits = true
    if (type === 'require_approval' || type === 'require_justification')
      profile.controls.guardrails = true
  }
  if (policy.allowed_callers) profile.controls.allowlists = true
  const classification = policy.data_classification
  if (classification)
    addNote(profile, `tool ${name} handles ${classification} data`)
}
