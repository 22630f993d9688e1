import {
  addNote,
  addTool,
  cite,
  mcpServerTool,
  newProfile,
  pushUnique,
  reachOf,
  readWith,
  recordServerReading,
  rejected,
  schemeName,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Reading,
} from '../../manifest/kit.js'
import {
  OasfRecord,
  type Connection,
  type Module,
  type ModuleOf,
} from './schema.js'

const ID = 'oasf-record'

export function mapOasfRecord(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', OasfRecord)
  if (!read.ok) return read.result
  const root = read.data
  if (!root) return rejected('not an OASF record: not a JSON object')
  const { name } = root
  // JSON of any name is sniffed: only a record with its core fields counts.
  if (
    !name ||
    root.schema_version === undefined ||
    !root.skills ||
    !(root.locators || root.modules || root.extensions || root.domains)
  ) {
    return rejected(
      'not an OASF record: it needs name, schema_version, skills and locators, modules or domains',
    )
  }
  const profile = newProfile({
    name,
    format: ID,
    file: file.path,
    line: read.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', read.lineOf(['name']))
  profile.description = root.description
  readSkills(profile, root, read)
  // Before 0.8 modules were called extensions.
  const [key, modules] = root.modules
    ? ['modules', root.modules]
    : ['extensions', root.extensions ?? []]
  for (const module of modules)
    readModule(profile, module, read.lineOf([key, module.index]))
  readLocators(profile, root)
  if (root.signature !== undefined) {
    addNote(profile, 'the record is signed')
    cite(profile, 'identity', read.lineOf(['signature']))
  }
  addNote(
    profile,
    'an OASF record is catalogue metadata: the tools, memory and controls it does not list must be read from the implementation',
  )
  return { agents: [profile], problems: [], document: read.doc }
}

function readSkills(
  profile: AgentProfile,
  { skills }: OasfRecord,
  read: Reading<unknown>,
): void {
  for (const skill of skills ?? []) {
    const name =
      skill.name ??
      [skill.category_name, skill.class_name].filter(Boolean).join('/')
    if (!name) continue
    profile.skills.push({
      name,
      description:
        skill.id === undefined ? undefined : `OASF skill ${skill.id}`,
    })
  }
  cite(profile, 'skills', read.lineOf(['skills']))
}

function readModule(
  profile: AgentProfile,
  module: Module,
  line: number | undefined,
): void {
  switch (module.kind) {
    case 'mcp':
      readMcp(profile, module, line)
      break
    case 'a2a':
      readA2a(profile, module, line)
      break
    case 'framework':
      addNote(
        profile,
        `built with ${module.name ?? 'an unnamed framework'}${module.version ? ` ${module.version}` : ''}: its tools and model are defined in that framework's code or manifest, not in this record`,
      )
      break
    case 'model':
      readModel(profile, module, line)
      break
    case 'other':
      break
  }
}

function readMcp(
  profile: AgentProfile,
  { servers }: ModuleOf<'mcp'>,
  line: number | undefined,
): void {
  for (const server of servers) {
    const name = server.name ?? 'mcp'
    const connection = server.connections?.[0] ?? server
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
function mcpEntry(connection: Connection): Record<string, unknown> {
  // Names only: the values of env vars are the user's, often secrets.
  const env: Record<string, unknown> = {}
  for (const varName of connection.env_vars) if (varName) env[varName] = ''
  const type = connection.type
  return {
    command: connection.command,
    args: connection.args,
    url: connection.url,
    type: type === 'local' ? 'stdio' : type,
    env,
    headers: connection.headers,
  }
}

function readA2a(
  profile: AgentProfile,
  { card, schemes }: ModuleOf<'a2a'>,
  line: number | undefined,
): void {
  pushUnique(profile.exposure.channels, 'a2a')
  pushUnique(profile.triggers, 'api')
  cite(profile, 'triggers', line)
  if (!card) {
    addNote(profile, 'an A2A module is declared without a readable card')
    return
  }
  const urls = [
    card.url,
    ...(card.supportedInterfaces ?? []).map((i) => i.url),
  ].filter((u): u is string => u !== undefined)
  for (const url of urls) {
    const reach = reachOf(url)
    // A public address is the one that matters; else the first one known.
    if (reach === 'public' || (reach && !profile.exposure.reach)) {
      profile.exposure.reach = reach
      profile.exposure.endpoint = url
    }
  }
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
  { model }: ModuleOf<'model'>,
  line: number | undefined,
): void {
  const name = model.model ?? model.name
  if (name) profile.model.name = name
  if (model.provider) profile.model.provider = model.provider
  if (model.temperature !== undefined)
    profile.model.temperature = model.temperature
  cite(profile, 'model', line)
}

function readLocators(profile: AgentProfile, { locators }: OasfRecord): void {
  const published = (locators ?? []).map((l) =>
    `${l.type ?? 'locator'} ${l.url ?? ''}`.trim(),
  )
  if (published.length > 0) {
    addNote(profile, `published as ${published.slice(0, 3).join(', ')}`)
  }
}
