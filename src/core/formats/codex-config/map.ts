import {
  addNote,
  cite,
  parseTomlDocument,
  problem,
  problemFrom,
  splitPath,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type ParsedDocument,
} from '../../manifest/kit.js'
import { codexProfile, MAIN, type CodexRead } from './map-profile.js'
import { Settings, type Layer } from './map-settings.js'
import { joinRelative, matchPath } from './paths.js'
import { CodexFile } from './schema.js'

export function mapCodex(file: ManifestFile): FormatResult {
  let doc: ParsedDocument
  try {
    doc = parseTomlDocument(file.text, file.path)
  } catch (error) {
    return { agents: [], problems: [problemFrom(error, file.path)] }
  }
  const data = checkToml(doc)
  const read: CodexRead = { file, data, doc, problems: [] }
  const agents = splitPath(file.path).dir.endsWith('agents/')
    ? [agentFile(read)]
    : configFile(read)
  return { agents, problems: read.problems, document: doc }
}

/**
 * A TOML document through the schema, which never fails and reports
 * nothing: so it runs on the value alone, without the map of where each
 * table sits that a reporting check needs.
 */
function checkToml(doc: ParsedDocument): CodexFile {
  const read = CodexFile.safeParse(doc.value)
  return read.success ? read.data : CodexFile.parse({})
}

/** Another TOML file beside this one; undefined when it does not parse. */
function siblingToml(text: string, path: string): CodexFile | undefined {
  try {
    return checkToml(parseTomlDocument(text, path))
  } catch {
    return undefined
  }
}

function configFile(read: CodexRead): AgentProfile[] {
  const { file, data, doc } = read
  const profiles = new Map(data.profiles)
  const chosen = data.profile
  const root: Layer = { table: data, path: [] }
  const layers: Layer[] = [root]
  const selected = chosen ? profiles.get(chosen) : undefined
  if (chosen && selected)
    layers.push({ table: selected, path: ['profiles', chosen] })
  else if (chosen)
    read.problems.push(
      problem(
        file.path,
        doc.lineOf(['profile']),
        `profile "${chosen}" is not defined under [profiles]`,
        {
          field: 'profile',
          level: 'warning',
        },
      ),
    )
  const main = codexProfile(MAIN, read, new Settings(layers, doc))
  main.description = 'Codex in this project, with the settings of this file'
  if (chosen && selected)
    addNote(main, `profile = "${chosen}": its settings are the default`)
  const agents = [main]
  for (const [name, table] of data.profiles ?? []) {
    if (!table || name === chosen) continue
    const profile = codexProfile(
      `${MAIN} (profile ${name})`,
      read,
      new Settings([root, { table, path: ['profiles', name] }], doc),
    )
    profile.source.line = doc.lineOf(['profiles', name]) ?? 1
    profile.description = `Codex run with --profile ${name}`
    agents.push(profile)
  }
  agents.push(...subAgents(read, main))
  return agents
}

/** `[agents.<name>]` entries: names for the main agent, profiles when needed. */
function subAgents(read: CodexRead, main: AgentProfile): AgentProfile[] {
  const { file, data, doc } = read
  const extra: AgentProfile[] = []
  const configDir = splitPath(file.path).dir
  for (const [name, entry] of data.agents?.entries ?? []) {
    if (!entry) continue
    const line = doc.lineOf(['agents', name])
    main.subAgents.push(name)
    cite(main, 'subAgents', line)
    const ref = entry.config_file
    const target = ref ? joinRelative(configDir, ref) : undefined
    const text = target ? file.readSibling(target) : undefined
    if (target && text !== undefined && matchPath(target) === 'yes') continue
    const layers: Layer[] = [{ table: data, path: [] }]
    let role: CodexFile | undefined
    if (target && text !== undefined) {
      role = siblingToml(text, target)
      if (role) layers.push({ table: role, from: target })
      else
        read.problems.push(
          problem(
            file.path,
            line,
            `${target} is not valid TOML; agent ${name} is read without it`,
            {
              level: 'warning',
            },
          ),
        )
    } else if (ref) addNote(main, `agent ${name}: ${ref} is not in the scan`)
    const profile = codexProfile(name, read, new Settings(layers, doc), true)
    profile.source.line = line ?? 1
    profile.parent = MAIN
    const description = entry.description ?? role?.description
    if (description) profile.description = description
    extra.push(profile)
  }
  if (main.subAgents.length > 0) {
    main.delegation.canDelegate = true
    cite(main, 'delegation', doc.lineOf(['agents']))
  }
  return extra
}

function agentFile(read: CodexRead): AgentProfile {
  const { file, data, doc } = read
  const { dir, name: fileName } = splitPath(file.path)
  const configPath = dir.replace(/agents\/$/, 'config.toml')
  const configText = file.readSibling(configPath)
  const config =
    configText === undefined ? undefined : siblingToml(configText, configPath)
  const registered = (config?.agents?.entries ?? []).find(
    ([, entry]) =>
      entry?.config_file !== undefined &&
      joinRelative(dir.replace(/agents\/$/, ''), entry.config_file) ===
        file.path,
  )
  const name =
    registered?.[0] ?? data.name?.trim() ?? fileName.replace(/\.toml$/i, '')
  const layers: Layer[] = []
  if (config) layers.push({ table: config, from: configPath })
  layers.push({ table: data, path: [] })
  const profile = codexProfile(name, read, new Settings(layers, doc), true)
  profile.source.line = doc.lineOf(['name']) ?? 1
  cite(profile, 'name', doc.lineOf(['name']))
  const description = data.description ?? registered?.[1]?.description
  if (description) profile.description = description
  if (config) {
    profile.parent = MAIN
    addNote(profile, `settings it leaves out come from ${configPath}`)
  }
  if (registered && data.name && data.name !== registered[0])
    addNote(
      profile,
      `Codex calls it ${registered[0]} (its [agents] entry), not ${data.name}`,
    )
  return profile
}
