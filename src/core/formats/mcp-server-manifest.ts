/**
 * The MCP registry's `server.json`: a server describing itself (name,
 * description, version, the packages it ships as and the remote endpoints it
 * runs at). The server is the agent-like surface here: the profile rates what
 * any agent gains by installing it.
 *
 * Mapping: `name` → name (`title` and `description` → description); each
 * `packages[]` entry → one tool (a stdio or local http server started from
 * npm, PyPI, OCI, NuGet or MCPB, run with `runtimeHint` or the registry's
 * usual runner, pinned when it names a version); each `remotes[]` entry → one
 * tool (a remote endpoint). Tools go through `mcpServerTool`; their kind
 * comes from what the server is (the package or endpoint, else the server's
 * own title and description, never the runner), and they are wildcards: the
 * server lists its tools at run time, never in server.json. `environmentVariables[]` and
 * remote `headers[]` → identity.credentials when `isSecret` (or named like a
 * credential); secret env vars make the identity `fixed` (one service
 * credential for every caller). A remote on a non-local URL → exposure reach
 * `public` with that endpoint; a required secret header → authentication.
 * The trigger is `api`: clients call it.
 *
 * Defaults: no packages and no remotes → nothing says how it runs (a note).
 * Older drafts' snake_case names (`registry_type`, `environment_variables`,
 * `is_secret`, `transport_type`) are read too. `server.json` is a common
 * name for unrelated files (json-server databases, game servers), so a file
 * without an MCP registry `$schema`, `packages[].registryType` or
 * `remotes[].url` is rejected with that reason.
 */
import { addCredential, isCredentialName } from '../manifest/credentials.js'
import {
  addServerMemory,
  mcpServerTool,
  serverKind,
} from '../manifest/mcp-servers.js'
import { parseMapping, problem, rejected } from '../manifest/result.js'
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
  isPlaceholder,
  type DataRecord,
} from '../parse/data.js'
import type { ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import { addNote, addTool, cite, newProfile } from '../profile/build.js'
import type { AgentProfile, Tool } from '../profile/schema.js'

const FORMAT_ID = 'mcp-server-manifest'

const SCHEMA = /modelcontextprotocol\.io\/schemas\/[^"]*server[^"]*\.json/i

/** The runner a registry's packages are usually started with. */
const RUNNERS: Readonly<Record<string, string>> = {
  npm: 'npx',
  pypi: 'uvx',
  oci: 'docker',
  nuget: 'dnx',
}

const mcpServerManifest: FormatModule = {
  id: FORMAT_ID,
  title: 'MCP registry server.json',
  // `server.json` is the registry's name, but json-server databases and game
  // servers use it too: parse rejects those with a reason. The registry's
  // examples and copies go by other names, so any JSON may be one.
  nameEndings: ['.json'],
  matchPath: (path) =>
    /(^|\/)server\.json$/i.test(path)
      ? 'yes'
      : /\.json$/i.test(path)
        ? 'maybe'
        : 'no',
  sniff: (head) =>
    SCHEMA.test(head) ||
    /"(registryType|registry_type)"\s*:/.test(head) ||
    (/"remotes"\s*:\s*\[/.test(head) &&
      /"(type|transport_type)"\s*:\s*"(streamable-http|sse|http)"/.test(head)),
  parse: parseServerJson,
}
export default mcpServerManifest

function parseServerJson(file: ManifestFile): FormatResult {
  const parsed = parseMapping(
    file,
    'json',
    'not a JSON object, so not an MCP server.json',
  )
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  const reason = notServerJson(root)
  if (reason) return rejected(reason)
  const problems: Problem[] = []
  const name = asString(root.name)
  if (!name) {
    problems.push(
      problem(file.path, 1, 'server.json has no name', {
        field: 'name',
        help: 'Give the server its registry name, such as io.github.owner/server.',
      }),
    )
  }
  const profile = newProfile({
    name: name ?? asString(root.title) ?? file.path,
    format: FORMAT_ID,
    file: file.path,
    line: doc.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', doc.lineOf(['name']))
  const title = asString(root.title)
  const description = asString(root.description)
  profile.description =
    title && description ? `${title}: ${description}` : (description ?? title)
  profile.triggers.push('api')
  profile.exposure.reach = 'local'
  const label = title ?? shortName(name ?? '')
  const context = [label, title ?? '', description ?? ''].join(' ')
  const packages = asArray(root.packages) ?? []
  const remotes = asArray(root.remotes) ?? []
  packages.forEach((entry, index) =>
    readPackage(profile, entry, doc, index, context, file.path, problems),
  )
  remotes.forEach((entry, index) =>
    readRemote(profile, entry, doc, index, label, context, file.path, problems),
  )
  notes(profile, packages.length, remotes.length)
  return { agents: [profile], problems, document: doc }
}

/** Why this JSON is not a server description, or undefined when it is one. */
function notServerJson(root: DataRecord): string | undefined {
  const schema = asString(root.$schema) ?? ''
  if (/json-schema\.org/i.test(schema) || root.properties !== undefined)
    return 'a JSON Schema document, not an MCP server description'
  if (SCHEMA.test(schema)) return undefined
  const registered = (asArray(root.packages) ?? []).some((entry) => {
    const record = asRecord(entry)
    return (
      record !== undefined &&
      registryOf(record) !== undefined &&
      identifierOf(record) !== undefined
    )
  })
  const remote = (asArray(root.remotes) ?? []).some(
    (entry) => asString(asRecord(entry)?.url) !== undefined,
  )
  return registered || remote
    ? undefined
    : 'no MCP registry $schema, packages[].registryType or remotes[].url: not an MCP server.json'
}

// ---------------------------------------------------------------- packages

function readPackage(
  profile: AgentProfile,
  entry: unknown,
  doc: ParsedDocument,
  index: number,
  context: string,
  file: string,
  problems: Problem[],
): void {
  const line = doc.lineOf(['packages', index])
  const record = asRecord(entry)
  const identifier = record ? identifierOf(record) : undefined
  if (!record || !identifier) {
    problems.push(
      problem(file, line, `packages[${index}] has no identifier`, {
        field: `packages[${index}].identifier`,
        help: 'Name the package (an npm or PyPI name, an image reference).',
        level: 'warning',
      }),
    )
    return
  }
  const registry = registryOf(record) ?? 'unknown'
  const version = asString(record.version)
  const transport = asRecord(record.transport)
  const type =
    asString(transport?.type) ?? asString(record.transport_type) ?? 'stdio'
  const command = asString(record.runtimeHint ?? record.runtime_hint)
  const runner = command ?? RUNNERS[registry]
  const env = secretsOf(
    record.environmentVariables ?? record.environment_variables,
  )
  const reading = mcpServerTool(
    identifier,
    {
      command: type === 'stdio' ? runner : undefined,
      args: type === 'stdio' ? runnerArgs(runner, identifier, version) : [],
      type,
      url: asString(transport?.url),
      env: Object.fromEntries(env.all.map((n) => [n, ''])),
      headers: Object.fromEntries(
        secretsOf(transport?.headers).all.map((n) => [n, '']),
      ),
    },
    line,
  )
  const tool: Tool = {
    ...reading.tool,
    description: `${registry} package${version ? ` ${version}` : ''} (${type})`,
    kind: kindOf(identifier, context),
  }
  add(profile, tool, reading.notes, line)
  if (tool.server && tool.server.pinned === undefined) {
    // The runner is not one the kit knows (MCPB, a custom hint): the
    // declared version decides.
    const pinned =
      (version !== undefined && !/latest/i.test(version)) ||
      asString(record.fileSha256 ?? record.file_sha256) !== undefined
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

function registryOf(record: DataRecord): string | undefined {
  return asString(
    record.registryType ?? record.registry_type ?? record.registry_name,
  )?.toLowerCase()
}

function identifierOf(record: DataRecord): string | undefined {
  return asString(record.identifier ?? record.name)
}

// ---------------------------------------------------------------- remotes

function readRemote(
  profile: AgentProfile,
  entry: unknown,
  doc: ParsedDocument,
  index: number,
  label: string,
  context: string,
  file: string,
  problems: Problem[],
): void {
  const line = doc.lineOf(['remotes', index])
  const record = asRecord(entry)
  const url = asString(record?.url)
  if (!record || !url) {
    problems.push(
      problem(file, line, `remotes[${index}] has no url`, {
        field: `remotes[${index}].url`,
        help: 'Give the endpoint a url and a type (streamable-http or sse).',
        level: 'warning',
      }),
    )
    return
  }
  const type =
    asString(record.type) ??
    asString(record.transport_type) ??
    'streamable-http'
  const headers = secretsOf(record.headers)
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
    kind: kindOf(`${label} ${url}`, context),
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

function secretsOf(list: unknown): Variables {
  const all: string[] = []
  const secrets: string[] = []
  const required: string[] = []
  for (const item of asArray(list) ?? []) {
    const record = asRecord(item)
    const name = asString(record?.name)
    if (!record || !name) continue
    all.push(name)
    const secret =
      asBoolean(record.isSecret ?? record.is_secret) === true ||
      isCredentialName(name)
    if (secret) secrets.push(name)
    if (secret && asBoolean(record.isRequired ?? record.is_required) !== false)
      required.push(name)
  }
  return { all, secrets, required }
}

/**
 * The kind from what the server is (its package or endpoint, else its own
 * words), not from the runner: a `docker` runner says nothing about it.
 */
function kindOf(identity: string, context: string): Tool['kind'] {
  const kind = serverKind(identity)
  return kind === 'mcp-server' ? serverKind(context) : kind
}

/** Part after the reverse-DNS namespace: `io.github.acme/weather` → `weather`. */
function shortName(name: string): string {
  return name.split('/').pop() || name
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

function notes(profile: AgentProfile, packages: number, remotes: number): void {
  addNote(
    profile,
    'An MCP server, not an agent: this profile rates what an agent gains by installing it; its tools are listed by the server at run time, not in server.json',
  )
  if (packages === 0 && remotes === 0)
    addNote(
      profile,
      'Neither packages nor remotes are declared: how it runs is not stated',
    )
  else if (packages === 0)
    addNote(
      profile,
      'Remote only: its code runs elsewhere and cannot be inspected from this repository',
    )
}
