/**
 * AGNTCY OASF records: the JSON an agent publishes to the AGNTCY Directory
 * (`schema_version`, `name`, `version`, `description`, `skills[]` from the
 * OASF taxonomy, `domains`, `locators`, and `modules[]` — called
 * `extensions[]` before 0.8).
 *
 * Mapping: name, description → profile; skills[] (taxonomy paths) →
 * skills; modules: `integration/mcp` and `runtime/mcp` servers → MCP tools
 * (through the shared MCP entry reader); `integration/a2a` and
 * `runtime/a2a` → the embedded card's endpoint and security (exposure,
 * identity.authSchemes, authentication); `runtime/framework` and
 * `runtime/language` → a note naming where the agent is really defined;
 * `core/language_model` / `core/llm` → model; locators → notes; a
 * `signature` → note.
 *
 * Defaults: a record is catalogue metadata. It does not declare tools,
 * memory, controls or sub-agents unless a module does, so they stay "not
 * stated", with a note that the implementation must be read for them.
 */
import { reachOf, schemeName } from '../manifest/endpoints.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { parseMapping, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  asStrings,
  entriesOf,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import type { ParsedDocument } from '../parse/document.js'
import {
  addNote,
  addTool,
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

const ID = 'oasf-record'

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  return /\.json$/i.test(path) ? 'maybe' : 'no'
}

function sniff(head: string): boolean {
  return (
    /"schema_version"\s*:\s*"/.test(head) &&
    /"skills"\s*:\s*\[/.test(head) &&
    /"(locators|modules|extensions|domains)"\s*:\s*\[/.test(head)
  )
}

const format: FormatModule = {
  id: ID,
  title: 'AGNTCY OASF record',
  nameEndings: ['.json'],
  matchPath,
  sniff,
  parse: parseRecord,
}
export default format

function parseRecord(file: ManifestFile): FormatResult {
  const parsed = parseMapping(
    file,
    'json',
    'not an OASF record: not a JSON object',
  )
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  const name = asString(root.name)
  if (
    !name ||
    typeof root.schema_version !== 'string' ||
    !Array.isArray(root.skills) ||
    !['locators', 'modules', 'extensions', 'domains'].some((key) =>
      Array.isArray(root[key]),
    )
  ) {
    return rejected(
      'not an OASF record: it needs name, schema_version, skills and locators, modules or domains',
    )
  }
  const profile = newProfile({
    name,
    format: ID,
    file: file.path,
    line: doc.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', doc.lineOf(['name']))
  profile.description = asString(root.description)
  readSkills(profile, root, doc)
  const modulesKey = Array.isArray(root.modules) ? 'modules' : 'extensions'
  asArray(root[modulesKey])?.forEach((entry, index) => {
    const module = asRecord(entry)
    const moduleName = asString(module?.name)
    if (!module || !moduleName) return
    readModule(profile, moduleName, asRecord(module.data) ?? {}, {
      doc,
      line: doc.lineOf([modulesKey, index]),
    })
  })
  readLocators(profile, root)
  if (root.signature !== undefined) {
    addNote(profile, 'the record is signed')
    cite(profile, 'identity', doc.lineOf(['signature']))
  }
  addNote(
    profile,
    'an OASF record is catalogue metadata: the tools, memory and controls it does not list must be read from the implementation',
  )
  return { agents: [profile], problems: [], document: doc }
}

function readSkills(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  for (const entry of asArray(root.skills) ?? []) {
    const skill = asRecord(entry)
    const name =
      asString(skill?.name) ??
      [asString(skill?.category_name), asString(skill?.class_name)]
        .filter(Boolean)
        .join('/')
    if (!name) continue
    const id = asNumber(skill?.id) ?? asString(skill?.id)
    profile.skills.push({
      name,
      description: id === undefined ? undefined : `OASF skill ${id}`,
    })
  }
  cite(profile, 'skills', doc.lineOf(['skills']))
}

interface Where {
  readonly doc: ParsedDocument
  readonly line: number | undefined
}

function readModule(
  profile: AgentProfile,
  name: string,
  data: DataRecord,
  where: Where,
): void {
  const key = name.toLowerCase()
  if (/(^|\/)mcp$/.test(key)) readMcp(profile, data, where.line)
  else if (/(^|\/)a2a$/.test(key)) readA2a(profile, data, where.line)
  else if (key === 'runtime/framework') {
    const framework = asString(data.name) ?? 'an unnamed framework'
    const version = asString(data.version)
    addNote(
      profile,
      `built with ${framework}${version ? ` ${version}` : ''}: its tools and model are defined in that framework's code or manifest, not in this record`,
    )
  } else if (
    key.startsWith('core/language_model') ||
    key.startsWith('core/llm')
  ) {
    readModel(profile, data, where.line)
  }
}

function readMcp(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
): void {
  const servers = asArray(data.servers)
  const entries: DataRecord[] = servers
    ? servers.map(asRecord).filter((s): s is DataRecord => s !== undefined)
    : [data]
  for (const server of entries) {
    const name = asString(server.name) ?? 'mcp'
    const connections = (asArray(server.connections) ?? [])
      .map(asRecord)
      .filter((c): c is DataRecord => c !== undefined)
    const connection = connections[0] ?? server
    const reading = mcpServerTool(name, mcpEntry(connection), line)
    addTool(profile, reading.tool)
    recordServerReading(profile, reading)
    if (reading.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
    cite(profile, 'tools', line)
  }
}

/** OASF connection fields in the shape the shared MCP reader expects. */
function mcpEntry(connection: DataRecord): DataRecord {
  const env: DataRecord = {}
  const vars = connection.env_vars
  if (Array.isArray(vars)) {
    for (const item of vars) {
      const varName = asString(asRecord(item)?.name) ?? asString(item)
      if (varName) env[varName] = ''
    }
  } else {
    for (const [varName] of entriesOf(vars)) env[varName] = ''
  }
  const type = asString(connection.type)
  return {
    command: asString(connection.command),
    args: asStrings(connection.args),
    url: asString(connection.url),
    type: type === 'local' ? 'stdio' : type,
    env,
    headers: isRecord(connection.headers) ? connection.headers : undefined,
  }
}

function readA2a(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
): void {
  let card = asRecord(data.card_data)
  if (!card && typeof data.card_data === 'string') {
    try {
      card = asRecord(JSON.parse(data.card_data) as unknown)
    } catch {
      card = undefined
    }
  }
  pushUnique(profile.exposure.channels, 'a2a')
  pushUnique(profile.triggers, 'api')
  cite(profile, 'triggers', line)
  if (!card) {
    addNote(profile, 'an A2A module is declared without a readable card')
    return
  }
  const urls = [
    asString(card.url),
    ...(asArray(card.supportedInterfaces) ?? []).map((i) =>
      asString(asRecord(i)?.url),
    ),
  ].filter((u): u is string => u !== undefined)
  for (const url of urls) {
    const reach = reachOf(url)
    if (reach === 'public' || (reach && !profile.exposure.reach)) {
      profile.exposure.reach = reach
      profile.exposure.endpoint = url
    }
  }
  const schemes = entriesOf(card.securitySchemes ?? data.security_schemes)
  for (const [schemeKey, entry] of schemes) {
    profile.identity.authSchemes.push(schemeName(schemeKey, entry))
  }
  profile.controls.authentication = schemes.length > 0
  cite(profile, 'controls.authentication', line)
  if (schemes.length === 0 && profile.exposure.reach === 'public') {
    addNote(
      profile,
      `its A2A card exposes ${profile.exposure.endpoint ?? 'a public endpoint'} with no securitySchemes`,
    )
  }
}

function readModel(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
): void {
  const models = asArray(data.models)
  const model = asRecord(models?.[0]) ?? data
  const name = asString(model.model) ?? asString(model.name)
  if (name) profile.model.name = name
  const provider = asString(model.provider)
  if (provider) profile.model.provider = provider
  const temperature = asNumber(model.temperature)
  if (temperature !== undefined) profile.model.temperature = temperature
  cite(profile, 'model', line)
}

function readLocators(profile: AgentProfile, root: DataRecord): void {
  const locators = (asArray(root.locators) ?? [])
    .map(asRecord)
    .filter((l): l is DataRecord => l !== undefined)
    .map((l) =>
      `${asString(l.type) ?? 'locator'} ${asString(l.url) ?? ''}`.trim(),
    )
  if (locators.length > 0) {
    addNote(profile, `published as ${locators.slice(0, 3).join(', ')}`)
  }
}
