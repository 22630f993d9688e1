import {
  addNote,
  cite,
  newProfile,
  problem,
  readWith,
  rejected,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import { readPackage, readRemote, type ServerContext } from './map-tools.js'
import { REGISTRY_SCHEMA, ServerJson } from './schema.js'

const FORMAT_ID = 'mcp-server-manifest'

export function mapServerJson(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', ServerJson)
  if (!read.ok) return read.result
  const server = read.data
  if (!server) return rejected('not a JSON object, so not an MCP server.json')
  const reason = notServerJson(server)
  if (reason) return rejected(reason)
  const problems = read.problems
  const { name, title, description } = server
  if (!name) {
    problems.push(
      problem(file.path, 1, 'server.json has no name', {
        field: 'name',
        help: 'Give the server its registry name, such as io.github.owner/server.',
      }),
    )
  }
  const profile = newProfile({
    name: name ?? title ?? file.path,
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', read.lineOf(['name']))
  profile.description =
    title && description ? `${title}: ${description}` : (description ?? title)
  profile.triggers.push('api')
  profile.exposure.reach = 'local'
  const label = title ?? shortName(name ?? '')
  const context: ServerContext = {
    profile,
    file: file.path,
    problems,
    lineOf: read.lineOf,
    label,
    words: [label, title ?? '', description ?? ''].join(' '),
  }
  const packages = server.packages ?? []
  const remotes = server.remotes ?? []
  packages.forEach((entry, index) => readPackage(context, entry, index))
  remotes.forEach((entry, index) => readRemote(context, entry, index))
  notes(profile, packages.length, remotes.length)
  return { agents: [profile], problems, document: read.doc }
}

/** Why this JSON is not a server description, or undefined when it is one. */
function notServerJson(server: ServerJson): string | undefined {
  const schema = server.$schema ?? ''
  if (/json-schema\.org/i.test(schema) || server.properties !== undefined)
    return 'a JSON Schema document, not an MCP server description'
  if (REGISTRY_SCHEMA.test(schema)) return undefined
  const registered = (server.packages ?? []).some(
    (entry) =>
      entry !== undefined &&
      entry.registryType !== undefined &&
      entry.identifier !== undefined,
  )
  const remote = (server.remotes ?? []).some(
    (entry) => entry?.url !== undefined,
  )
  return registered || remote
    ? undefined
    : 'no MCP registry $schema, packages[].registryType or remotes[].url: not an MCP server.json'
}

/** Part after the reverse-DNS namespace: `io.github.acme/weather` → `weather`. */
function shortName(name: string): string {
  return name.split('/').pop() || name
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
