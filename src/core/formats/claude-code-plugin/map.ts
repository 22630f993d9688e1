import {
  addNote,
  cite,
  lastSegment,
  newProfile,
  problem,
  readWith,
  rejected,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import {
  readAgents,
  readHooks,
  readServers,
  readSkills,
  type PluginContext,
} from './map-includes.js'
import { Marketplace, PluginManifest } from './schema.js'

const FORMAT_ID = 'claude-code-plugin'

export function mapClaudeCodePlugin(file: ManifestFile): FormatResult {
  if (file.path.endsWith('marketplace.json')) return marketplace(file)
  const read = readWith(file, 'json', PluginManifest)
  if (!read.ok) return read.result
  const plugin = read.data
  if (!plugin)
    return {
      agents: [],
      problems: [
        problem(file.path, 1, 'plugin.json must be a JSON object', {
          help: 'A plugin manifest holds at least a name.',
        }),
      ],
      document: read.doc,
    }
  const dir = PLUGIN_DIR_OF.exec(file.path)?.[1] ?? '.claude-plugin'
  const pluginRoot = file.path.slice(
    0,
    file.path.length - `${dir}/plugin.json`.length,
  )
  const problems = read.problems
  const { name } = plugin
  if (!name) {
    problems.push(
      problem(file.path, 1, 'the plugin has no name', {
        field: 'name',
        help: 'Give it a kebab-case name; Claude Code requires one.',
      }),
    )
  }
  const profile = newProfile({
    name: name ?? (lastSegment(pluginRoot) || 'plugin'),
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', read.lineOf(['name']))
  profile.description = plugin.description
  profile.exposure.reach = 'local'
  profile.exposure.channels.push('cli')
  profile.triggers.push('chat')
  const context: PluginContext = { file, read, pluginRoot, profile, problems }
  readServers(context, plugin.mcpServers)
  readAgents(context, plugin.agents)
  readSkills(context, plugin.commands, 'commands', (n) => `/${n}`)
  readSkills(context, plugin.skills, 'skills', (n) => n)
  readHooks(context, plugin.hooks)
  const host = HOSTS.get(dir) ?? 'Claude Code'
  if (host !== 'Claude Code')
    addNote(profile, `a ${host} plugin (${dir}/plugin.json)`)
  addNote(
    profile,
    "A plugin adds to its host: the host's built-in tools and permissions come from its settings, and the plugin's agents/, commands/ and skills/ directories load without being listed here, so this profile may under-report",
  )
  return { agents: [profile], problems, document: read.doc }
}

/** The folders a host reads a plugin's manifest from, and the host. */
const HOSTS: ReadonlyMap<string, string> = new Map([
  ['.claude-plugin', 'Claude Code'],
  ['.codex-plugin', 'Codex'],
  ['.cursor-plugin', 'Cursor'],
  ['.github/plugin', 'Copilot CLI'],
  ['.plugin', 'Copilot CLI'],
])
export const PLUGIN_DIRS =
  /\.claude-plugin|\.codex-plugin|\.cursor-plugin|\.github\/plugin|\.plugin/
const PLUGIN_DIR_OF = new RegExp(
  `(?:^|/)(${PLUGIN_DIRS.source})/plugin\\.json$`,
)

/** A marketplace grants nothing: it is claimed only to say so. */
function marketplace(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', Marketplace)
  const count = read.ok ? read.data?.plugins?.length : undefined
  return rejected(
    `a Claude Code plugin marketplace${count === undefined ? '' : ` listing ${count} plugin(s)`}: it grants nothing by itself; plugins kept in this repository are profiled from their own .claude-plugin/plugin.json`,
  )
}
