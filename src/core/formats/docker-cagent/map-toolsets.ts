import {
  addCredential,
  addNote,
  addTool,
  cite,
  classifyTool,
  pushUnique,
  type AgentProfile,
  type ManifestFile,
  type Problem,
  type Reading,
  type Tool,
} from '../../manifest/kit.js'
import { readA2a, readApi, readMcp } from './map-remote.js'
import type {
  CagentConfig,
  McpSource,
  ModelDefinition,
  RagSource,
  Toolset,
} from './schema.js'

/** What the file says once for all of its agents. */
export interface CagentContext {
  readonly file: ManifestFile
  readonly read: Reading<unknown>
  readonly config: CagentConfig
  /** The top-level maps agents refer to by key (own keys only). */
  readonly models: ReadonlyMap<string, ModelDefinition | undefined>
  readonly providers: ReadonlyMap<string, { token_key?: string } | undefined>
  readonly mcps: ReadonlyMap<string, McpSource | undefined>
  readonly rag: ReadonlyMap<string, RagSource | undefined>
  readonly sandbox: boolean
  readonly yolo: boolean
  readonly interactive: boolean
  readonly problems: Problem[]
}

export type AddTool = (tool: Omit<Tool, 'line'>) => void

/**
 * Keys of env vars and headers that hold credentials. Narrower than the
 * kit's isCredentialName (no bearer in a key: a bearer value is caught in
 * addCredentials); kept so, since widening it would change what configs
 * report.
 */
const CREDENTIAL_NAME = /key|token|secret|pass|auth|credential|cookie/i

export function readToolset(
  context: CagentContext,
  profile: AgentProfile,
  toolset: Toolset,
  line: number | undefined,
): void {
  const type = toolset.type ?? ''
  const add: AddTool = (tool) => addTool(profile, { ...tool, line })
  addCredentials(profile, toolset.env)
  switch (type) {
    case 'shell':
      add({ name: 'shell', kind: 'shell', source: 'builtin' })
      readSandbox(profile, toolset, line)
      return
    case 'filesystem':
      add({ name: 'filesystem', kind: 'file-write', source: 'builtin' })
      if (toolset.post_edit > 0) {
        addNote(profile, 'filesystem post_edit runs shell commands after edits')
      }
      return
    case 'memory':
      add({ name: 'memory', kind: 'other', source: 'builtin' })
      readMemory(profile, toolset, line)
      return
    case 'think':
      add({ name: 'think', kind: 'other', readOnly: true, source: 'builtin' })
      return
    case 'todo':
    case 'tasks':
      add({ name: type, kind: 'other', source: 'builtin' })
      profile.autonomy.planning = true
      cite(profile, 'autonomy', line)
      return
    case 'fetch':
      add({ name: 'fetch', kind: 'network', readOnly: true, source: 'builtin' })
      profile.exposure.untrustedInput = true
      return
    case 'mcp':
      readMcp(context, profile, toolset, line)
      return
    default:
      readOtherToolset(profile, toolset, type, add)
  }
}

/** Toolsets that reach out (a2a, api, openapi), scripts, lsp, the rest. */
function readOtherToolset(
  profile: AgentProfile,
  toolset: Toolset,
  type: string,
  add: AddTool,
): void {
  switch (type) {
    case 'a2a':
      readA2a(profile, toolset, add)
      return
    case 'api':
      readApi(profile, toolset, add)
      return
    case 'openapi':
      add({
        name: `openapi ${toolset.url ?? ''}`.trim(),
        kind: 'network',
        source: 'openapi',
      })
      addNote(profile, 'an openapi toolset turns a remote API into tools')
      return
    case 'script':
      readScripts(profile, toolset, add)
      return
    case 'lsp':
      add({ name: 'lsp', kind: 'other', source: 'builtin' })
      addNote(
        profile,
        `lsp toolset starts ${toolset.command ?? 'a language server'}`,
      )
      return
    case 'user_prompt':
      add({ name: 'user_prompt', kind: 'other', source: 'builtin' })
      return
    case 'background_agents':
      add({ name: 'background_agents', kind: 'agent-call', source: 'builtin' })
      profile.delegation.canDelegate = true
      return
    default:
      add({
        name: type || 'toolset',
        kind: classifyTool(type),
        source: 'declared',
      })
      addNote(profile, `unknown toolset type "${type}"`)
  }
}

function readSandbox(
  profile: AgentProfile,
  toolset: Toolset,
  line: number | undefined,
): void {
  const sandbox = toolset.sandbox
  if (!sandbox) return
  profile.controls.sandbox = true
  cite(profile, 'controls.sandbox', line)
  const writable = sandbox.paths.filter((p) => !/:ro$/.test(p))
  addNote(
    profile,
    `shell commands run in a container (${sandbox.image ?? 'alpine:latest'})${writable.length > 0 ? ` with write access to ${writable.join(', ')}` : ''}`,
  )
}

function readMemory(
  profile: AgentProfile,
  toolset: Toolset,
  line: number | undefined,
): void {
  profile.memory.kind = 'persistent'
  profile.memory.writable = true
  pushUnique(profile.memory.stores, toolset.path ?? 'memory')
  cite(profile, 'memory', line)
}

function readScripts(
  profile: AgentProfile,
  toolset: Toolset,
  add: AddTool,
): void {
  for (const [name, script] of toolset.shell ?? []) {
    add({
      name,
      kind: 'shell',
      description: script?.description,
      source: 'declared',
    })
    addCredentials(profile, script?.env)
  }
  addNote(profile, 'script tools run shell commands written in the config')
}

/** Names (never values) of env vars and headers that carry secrets. */
export function addCredentials(
  profile: AgentProfile,
  named: ReadonlyArray<readonly [string, string | undefined]> | undefined,
): void {
  for (const [key, value] of named ?? []) {
    const secret =
      CREDENTIAL_NAME.test(key) ||
      (value !== undefined && /\$\{?env\.|bearer/i.test(value))
    if (secret) addCredential(profile, key)
  }
}
