import {
  addCredential,
  addNote,
  cite,
  classifyTool,
  isCredentialName,
  reachOfAddress,
  type AgentProfile,
  type DataPath,
  type Tool,
} from '../../manifest/kit.js'
import { follow, lineOf, type Context } from './map-context.js'
import { addConfirmableTool, mcpTool } from './map-toolboxes.js'
import type { Component, Link, Located } from './schema.js'

/** An agent's `tools` (or a specialisation's `additional_tools`). */
export function readToolList(
  ctx: Context,
  profile: AgentProfile,
  list: readonly Link[] | undefined,
  path: DataPath,
): void {
  if (!list) return
  if (list.length > 0) cite(profile, 'tools', lineOf(ctx, path))
  const coded: string[] = []
  list.forEach((item, index) => {
    const tool = follow(ctx, item, [...path, index])
    if (!tool) return
    const read = readTool(ctx, profile, tool, lineOf(ctx, [...path, index]))
    if (read?.source === 'code') coded.push(read.name)
  })
  if (coded.length > 0)
    addNote(
      profile,
      `tools are bound in code (ServerTool ${coded.join(', ')}); the manifest shows their signatures only and under-reports what they do`,
    )
}

/** ServerTool, ClientTool, RemoteTool, MCPTool, BuiltinTool. */
export function readTool(
  ctx: Context,
  profile: AgentProfile,
  loc: Located,
  line: number | undefined,
): Tool | undefined {
  const spec = loc.value
  const type = spec.component_type ?? ''
  const name = spec.name ?? spec.id ?? type
  const description = spec.description?.trim()
  let tool: Tool
  if (type === 'MCPTool') {
    tool = mcpTool(ctx, profile, loc, name, line)
  } else if (type === 'RemoteTool') {
    tool = remoteTool(profile, spec, name, line)
  } else {
    tool = {
      name,
      kind: classifyTool(name, description),
      line,
      source:
        type === 'ServerTool'
          ? 'code'
          : type === 'BuiltinTool'
            ? 'builtin'
            : 'declared',
    }
    if (type === 'ClientTool')
      addNote(profile, `ClientTool ${name} is run by the calling application`)
  }
  tool.description = description || undefined
  addConfirmableTool(ctx, profile, loc, tool, name)
  return tool
}

function remoteTool(
  profile: AgentProfile,
  spec: Component,
  name: string,
  line: number | undefined,
): Tool {
  const url = spec.url
  const method = (spec.http_method ?? '').toUpperCase()
  const kind = classifyTool(name, spec.description)
  const headers = [...spec.headers, ...spec.sensitive_headers]
  for (const header of headers.filter(isCredentialName))
    addCredential(profile, header)
  if (spec.url_allow_list) profile.controls.allowlists = true
  else if (url?.includes('{{'))
    addNote(
      profile,
      `RemoteTool ${name} builds its URL from inputs the model chooses and has no url_allow_list`,
    )
  if (
    url &&
    /^http:\/\//i.test(url) &&
    reachOfAddress(url, { templatedHostUnknown: true }) === 'public'
  )
    addNote(profile, `RemoteTool ${name} calls ${url} over plain http`)
  return {
    name,
    kind: kind === 'other' ? 'network' : kind,
    line,
    source: spec.api_spec_uri ? 'openapi' : 'declared',
    readOnly: readOnlyMethod(method),
    server: url
      ? {
          transport: 'http',
          url,
          env: headers.length > 0 ? headers : undefined,
        }
      : undefined,
  }
}

export function readOnlyMethod(method: string): boolean | undefined {
  if (method === 'GET' || method === 'HEAD') return true
  if (method === 'PUT' || method === 'PATCH' || method === 'DELETE')
    return false
  return undefined
}
