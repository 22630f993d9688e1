import {
  addCredential,
  addNote,
  addServerMemory,
  addTool,
  cite,
  isCredentialName,
  isPlaceholder,
  mcpServerTool,
  problem,
  serverKind,
  type AgentProfile,
  type DataPath,
  type Problem,
  type Tool,
} from '../../manifest/kit.js'
import type { Package, Remote, Variable } from './schema.js'

/** What every package and remote of one server.json is read with. */
export interface ServerContext {
  readonly profile: AgentProfile
  readonly file: string
  readonly problems: Problem[]
  readonly lineOf: (path: DataPath) => number | undefined
  /** The server's title, else its short name: remotes are named after it. */
  readonly label: string
  /** The server's own words (label, title, description), for tool kinds. */
  readonly words: string
}

/** The runner a registry's packages are usually started with. */
const RUNNERS: Readonly<Record<string, string>> = {
  npm: 'npx',
  pypi: 'uvx',
  oci: 'docker',
  nuget: 'dnx',
}

// ---------------------------------------------------------------- packages

export function readPackage(
  context: ServerContext,
  entry: Package,
  index: number,
): void {
  const { profile } = context
  const line = context.lineOf(['packages', index])
  const identifier = entry?.identifier
  if (!entry || !identifier) {
    context.problems.push(
      problem(context.file, line, `packages[${index}] has no identifier`, {
        field: `packages[${index}].identifier`,
        help: 'Name the package (an npm or PyPI name, an image reference).',
        level: 'warning',
      }),
    )
    return
  }
  const registry = entry.registryType ?? 'unknown'
  const { version, transport } = entry
  const type = transport?.type ?? entry.transport_type ?? 'stdio'
  // Own keys only: a registryType of "constructor" must not find Object's.
  const runner =
    entry.runtimeHint ??
    (Object.hasOwn(RUNNERS, registry) ? RUNNERS[registry] : undefined)
  const env = secretsOf(entry.environmentVariables)
  const reading = mcpServerTool(
    identifier,
    {
      command: type === 'stdio' ? runner : undefined,
      args: type === 'stdio' ? runnerArgs(runner, identifier, version) : [],
      type,
      url: transport?.url,
      env: Object.fromEntries(env.all.map((n) => [n, ''])),
      headers: Object.fromEntries(
        secretsOf(transport?.headers ?? []).all.map((n) => [n, '']),
      ),
    },
    line,
  )
  const tool: Tool = {
    ...reading.tool,
    description: `${registry} package${version ? ` ${version}` : ''} (${type})`,
    kind: kindOf(identifier, context.words),
  }
  add(profile, tool, reading.notes, line)
  if (tool.server && tool.server.pinned === undefined) {
    // The runner is not one the kit knows (MCPB, a custom hint): the
    // declared version decides.
    const pinned =
      (version !== undefined && !/latest/i.test(version)) ||
      entry.fileSha256 !== undefined
    tool.server = { ...tool.server, pinned }
    if (!pinned)
      addNote(profile, `Package ${identifier} names no fixed version: unpinned`)
  }
  for (const secret of env.secrets) {
    addCredential(profile, secret, line)
    profile.identity.kind ??= 'fixed'
  }
  for (const credential of reading.credentials)
    addCredential(profile, credential, line)
  if (reading.memory) addServerMemory(profile, identifier, line)
}

/** Arguments that start a package the way its runner expects, with its version. */
function runnerArgs(
  runner: string | undefined,
  identifier: string,
  version: string | undefined,
): string[] {
  const base = (runner ?? '').split(/[\\/]/).pop() ?? ''
  if (!version) return [identifier]
  if (/^(uvx|pipx|uv)$/i.test(base)) return [`${identifier}==${version}`]
  if (/^(docker|podman)$/i.test(base)) {
    const tagged = /@sha256:|:[^/]+$/.test(identifier)
    return [
      'run',
      '-i',
      '--rm',
      tagged ? identifier : `${identifier}:${version}`,
    ]
  }
  return [`${identifier}@${version}`]
}

// ---------------------------------------------------------------- remotes

export function readRemote(
  context: ServerContext,
  entry: Remote,
  index: number,
): void {
  const { profile, label } = context
  const line = context.lineOf(['remotes', index])
  const url = entry?.url
  if (!entry || !url) {
    context.problems.push(
      problem(context.file, line, `remotes[${index}] has no url`, {
        field: `remotes[${index}].url`,
        help: 'Give the endpoint a url and a type (streamable-http or sse).',
        level: 'warning',
      }),
    )
    return
  }
  const type = entry.type ?? entry.transport_type ?? 'streamable-http'
  const headers = secretsOf(entry.headers)
  const reading = mcpServerTool(
    `${label} (${type})`,
    {
      type,
      url,
      headers: Object.fromEntries(headers.all.map((n) => [n, ''])),
    },
    line,
  )
  const tool: Tool = {
    ...reading.tool,
    description: `remote endpoint ${url}`,
    kind: kindOf(`${label} ${url}`, context.words),
  }
  add(profile, tool, reading.notes, line)
  for (const secret of headers.secrets) addCredential(profile, secret, line)
  if (headers.required.length > 0) {
    profile.controls.authentication = true
    cite(profile, 'controls.authentication', line)
    for (const header of headers.required) {
      const scheme = /^authorization$/i.test(header) ? 'bearer' : 'apiKey'
      if (!profile.identity.authSchemes.includes(scheme))
        profile.identity.authSchemes.push(scheme)
    }
  }
  if (isPublicUrl(url)) {
    profile.exposure.reach = 'public'
    profile.exposure.endpoint ??= url
    if (!profile.exposure.channels.includes('mcp'))
      profile.exposure.channels.push('mcp')
  }
  if (reading.memory) addServerMemory(profile, tool.name, line)
}

/** A URL on the internet, not on this machine or a placeholder host. */
function isPublicUrl(url: string): boolean {
  const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? ''
  return (
    host !== '' &&
    !isPlaceholder(host) &&
    !/[{}]/.test(host) &&
    !/^(localhost|127\.|0\.0\.0\.0|\[?::1\]?$|10\.|192\.168\.)/i.test(host)
  )
}

// ---------------------------------------------------------------- shared

interface Variables {
  /** Every declared name (env vars or headers). */
  readonly all: string[]
  /** Names declared secret, or named like a credential. */
  readonly secrets: string[]
  /** Secret names the client must send (headers that authenticate). */
  readonly required: string[]
}

function secretsOf(variables: readonly Variable[]): Variables {
  const all: string[] = []
  const secrets: string[] = []
  const required: string[] = []
  for (const { name, isSecret, isRequired } of variables) {
    all.push(name)
    const secret = isSecret === true || isCredentialName(name)
    if (secret) secrets.push(name)
    if (secret && isRequired !== false) required.push(name)
  }
  return { all, secrets, required }
}

/**
 * The kind from what the server is (its package or endpoint, else its own
 * words), not from the runner: a `docker` runner says nothing about it.
 */
function kindOf(identity: string, words: string): Tool['kind'] {
  const kind = serverKind(identity)
  return kind === 'mcp-server' ? serverKind(words) : kind
}

function add(
  profile: AgentProfile,
  tool: Tool,
  notes: readonly string[],
  line: number | undefined,
): void {
  addTool(profile, tool)
  cite(profile, 'tools', line)
  for (const note of notes) addNote(profile, note)
}
