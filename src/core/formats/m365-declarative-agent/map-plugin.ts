import {
  classifyTool,
  isPlaceholder,
  mcpServerTool,
  type Tool,
} from '../../manifest/kit.js'
import type { Plugin, PluginFunction, Runtime } from './schema.js'

/** What an API plugin gives the agent that loads it. */
export interface PluginReading {
  readonly tools: Tool[]
  readonly notes: string[]
  readonly credentials: string[]
  /** Every function asks for confirmation. */
  readonly allConfirmed: boolean
  readonly oauth: boolean
}

const RUNTIME_SOURCE: Readonly<Record<string, Tool['source']>> = {
  openapi: 'openapi',
  remotemcpserver: 'mcp',
  localplugin: 'plugin',
}

/** The tool source of a runtime type; own keys only (`constructor`). */
function sourceOf(runtimeType: string): Tool['source'] {
  return Object.hasOwn(RUNTIME_SOURCE, runtimeType)
    ? RUNTIME_SOURCE[runtimeType]
    : 'plugin'
}

/** Which runtime serves a function: the first that lists it, or one that lists none. */
function runtimeFor(
  runtimes: readonly Runtime[],
  functionName: string,
): Runtime | undefined {
  return (
    runtimes.find((runtime) =>
      runtime.run_for_functions.includes(functionName),
    ) ??
    runtimes.find((runtime) => {
      const listed = runtime.run_for_functions
      return listed.length === 0 || listed.includes('*')
    })
  )
}

function confirmationOf(fn: PluginFunction): boolean | undefined {
  const confirmation = fn.capabilities?.confirmation
  if (!confirmation) return undefined
  return confirmation.type === undefined || !/^none$/i.test(confirmation.type)
}

/** The functions of an API plugin as tools, with what its runtimes say. */
export function readPlugin(
  plugin: Plugin,
  lineOf: (functionIndex?: number) => number | undefined,
  path: string,
): PluginReading {
  const runtimes = (plugin.runtimes ?? []).filter(
    (r): r is Runtime => r !== undefined,
  )
  const namespace = plugin.namespace ?? plugin.name_for_human ?? path
  const notes: string[] = []
  const credentials: string[] = []
  let oauth = false
  const tools: Tool[] = []
  for (const runtime of runtimes) {
    const auth = readRuntimeAuth(runtime, namespace)
    notes.push(...auth.notes)
    credentials.push(...auth.credentials)
    oauth ||= auth.oauth
    tools.push(...readRuntimeSpec(runtime, namespace, notes, lineOf))
  }
  const functions = plugin.functions ?? []
  let confirmedCount = 0
  functions.forEach((fn, index) => {
    const name = fn?.name
    if (!fn || !name) return
    const runtime = runtimeFor(runtimes, name)
    const runtimeType = (runtime?.type ?? '').toLowerCase()
    const kind = classifyTool(name)
    const requiresApproval = confirmationOf(fn)
    if (requiresApproval === true) confirmedCount += 1
    tools.push({
      name,
      kind: kind === 'other' ? 'network' : kind,
      description: fn.description,
      line: lineOf(index),
      requiresApproval,
      source: sourceOf(runtimeType),
      server:
        runtimeType === 'remotemcpserver'
          ? { transport: 'http', url: runtime?.spec?.url }
          : undefined,
    })
  })
  return {
    tools,
    notes,
    credentials,
    allConfirmed: confirmedCount > 0 && confirmedCount === functions.length,
    oauth,
  }
}

/** A runtime that discovers its tools offers all of them; a placeholder address is noted. */
function readRuntimeSpec(
  runtime: Runtime,
  namespace: string,
  notes: string[],
  lineOf: () => number | undefined,
): Tool[] {
  const type = runtime.type ?? 'unknown'
  const url = runtime.spec?.url
  const tools: Tool[] = []
  if (runtime.spec?.enable_dynamic_discovery === true) {
    const reading = mcpServerTool(namespace, { url, type: 'http' }, lineOf())
    tools.push({ ...reading.tool, wildcard: true })
    notes.push(
      `plugin ${namespace}: ${type} runtime discovers tools dynamically: every tool the server offers is available`,
    )
  }
  if (url && isPlaceholder(url)) {
    notes.push(
      `plugin ${namespace}: ${type} runtime address ${url} is a placeholder resolved at deployment`,
    )
  }
  return tools
}

function readRuntimeAuth(
  runtime: Runtime,
  namespace: string,
): { notes: string[]; credentials: string[]; oauth: boolean } {
  const type = runtime.auth?.type
  const runtimeType = runtime.type ?? 'unknown'
  if (!type) return { notes: [], credentials: [], oauth: false }
  if (/^none$/i.test(type)) {
    return {
      notes: [
        `plugin ${namespace}: ${runtimeType} runtime is called with auth type None (no authentication)`,
      ],
      credentials: [],
      oauth: false,
    }
  }
  const reference = runtime.auth?.reference_id
  return {
    notes: [],
    credentials: [`${type}${reference ? `:${reference}` : `:${namespace}`}`],
    oauth: /oauth/i.test(type),
  }
}
