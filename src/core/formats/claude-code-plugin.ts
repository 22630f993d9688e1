/**
 * Claude Code plugins: `.claude-plugin/plugin.json` at the root of a plugin
 * directory. A plugin adds MCP servers, sub-agents, slash commands, skills
 * and hooks to the Claude Code that installs it; the profile is the plugin,
 * named after it.
 *
 * Mapping: `name` → name; `description` → description; `mcpServers` (inline
 * object, or a path or list of paths to JSON files holding `mcpServers`;
 * `.mcp.json` at the plugin root when absent) → one tool per server through
 * `mcpServerTool`, with `${CLAUDE_PLUGIN_ROOT}` read as `.` (a path of
 * the plugin, not an unknown value); `agents` paths to `.md` files → subAgents (by their front
 * matter name, else the file name), so the scanner links them; `commands`
 * and `skills` paths → skills; `hooks` (inline, a path, or
 * `hooks/hooks.json` when absent) → a note naming the events whose commands
 * run without confirmation. Reach is `local` and the trigger `chat`.
 *
 * Defaults: the plugin adds to Claude Code, whose built-in tools and
 * permission settings live in `.claude/settings.json`; they are neither
 * listed nor assumed here. Directories (`agents/`, `commands/`, `skills/`)
 * load without being named in plugin.json and cannot be listed from here, so
 * a note says the profile may under-report.
 *
 * `.claude-plugin/marketplace.json` is claimed and rejected: a marketplace
 * lists plugins by source and grants nothing by itself. Plugins kept in the
 * repository are profiled from their own plugin.json; plugins fetched from
 * elsewhere cannot be inspected here either way.
 */
import { frontMatterData } from '../manifest/front-matter.js'
import { addMcpServers } from '../manifest/mcp-servers.js'
import { fileStem, lastSegment } from '../manifest/paths.js'
import { parseMapping, problem, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asRecord,
  asString,
  asStrings,
  type DataRecord,
  entriesOf,
  isRecord,
  keysOf,
} from '../parse/data.js'
import { parseJsonDocument, type ParsedDocument } from '../parse/document.js'
import { problemFrom, type Problem } from '../problems.js'
import { addNote, cite, newProfile, pushUnique } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

const FORMAT_ID = 'claude-code-plugin'
const MANIFEST = /(^|\/)\.claude-plugin\/(plugin|marketplace)\.json$/

const claudeCodePlugin: FormatModule = {
  id: FORMAT_ID,
  title: 'Claude Code plugin',
  nameEndings: ['.json'],
  matchPath: (path) => (MANIFEST.test(path) ? 'yes' : 'no'),
  parse: parsePlugin,
}
export default claudeCodePlugin

function parsePlugin(file: ManifestFile): FormatResult {
  if (file.path.endsWith('marketplace.json')) return marketplace(file)
  const parsed = parseMapping(file, 'json', {
    problem: 'plugin.json must be a JSON object',
    help: 'A plugin manifest holds at least a name.',
  })
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  const pluginRoot = file.path.replace(/\.claude-plugin\/plugin\.json$/, '')
  const problems: Problem[] = []
  const name = asString(root.name)
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
    line: doc.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', doc.lineOf(['name']))
  profile.description = asString(root.description)
  profile.exposure.reach = 'local'
  profile.exposure.channels.push('cli')
  profile.triggers.push('chat')
  const context: PluginContext = { file, doc, pluginRoot, profile, problems }
  readServers(context, root.mcpServers)
  readAgents(context, root.agents)
  readSkills(context, root.commands, 'commands', (n) => `/${n}`)
  readSkills(context, root.skills, 'skills', (n) => n)
  readHooks(context, root.hooks)
  addNote(
    profile,
    "A plugin adds to Claude Code: the host's built-in tools and permissions come from its settings, and the plugin's agents/, commands/ and skills/ directories load without being listed here, so this profile may under-report",
  )
  return { agents: [profile], problems, document: doc }
}

function marketplace(file: ManifestFile): FormatResult {
  let count: number | undefined
  try {
    const root = asRecord(parseJsonDocument(file.text, file.path).value)
    count = asArray(root?.plugins)?.length
  } catch {
    count = undefined
  }
  return rejected(
    `a Claude Code plugin marketplace${count === undefined ? '' : ` listing ${count} plugin(s)`}: it grants nothing by itself; plugins kept in this repository are profiled from their own .claude-plugin/plugin.json`,
  )
}

interface PluginContext {
  readonly file: ManifestFile
  readonly doc: ParsedDocument
  /** The plugin directory, with a trailing slash ('' for the scan root). */
  readonly pluginRoot: string
  readonly profile: AgentProfile
  readonly problems: Problem[]
}

// ---------------------------------------------------------------- paths

/**
 * A path of the plugin (`./x`, `${CLAUDE_PLUGIN_ROOT}/x`) as a path of the
 * scan root; undefined when it leaves the plugin directory.
 */
function resolve(pluginRoot: string, path: string): string | undefined {
  const relative = path
    .replace(/^\$\{CLAUDE_PLUGIN_ROOT\}[\\/]?/, '')
    .replace(/\\/g, '/')
  if (relative.startsWith('/')) return undefined
  const parts: string[] = []
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') return undefined
    parts.push(part)
  }
  return `${pluginRoot}${parts.join('/')}`
}

/** A field that is one path or a list of paths. */
function pathsOf(value: unknown): string[] {
  return typeof value === 'string' ? [value] : asStrings(value)
}

/** Reads a JSON file of the plugin; a problem (naming that file) if unreadable. */
function readJson(
  context: PluginContext,
  path: string,
  line: number | undefined,
  field: string,
): DataRecord | undefined {
  const text = context.file.readSibling(path)
  if (text === undefined) {
    if (line !== undefined)
      context.problems.push(
        problem(
          context.file.path,
          line,
          `${field} points at ${path}, which is not in the repository`,
          {
            field,
            level: 'warning',
          },
        ),
      )
    return undefined
  }
  try {
    return asRecord(parseJsonDocument(text, path).value)
  } catch (error) {
    context.problems.push(problemFrom(error, path))
    return undefined
  }
}

// ---------------------------------------------------------------- servers

function readServers(context: PluginContext, value: unknown): void {
  const { doc, file, pluginRoot, profile } = context
  const line = doc.lineOf(['mcpServers'])
  // Paths relative to the plugin, not unknown values.
  const substitute = (text: string): string =>
    text.replaceAll('${CLAUDE_PLUGIN_ROOT}', '.')
  if (isRecord(value)) {
    context.problems.push(
      ...addMcpServers(profile, entriesOf(value), file.path, {
        lineOf: (server) => doc.lineOf(['mcpServers', server]),
        fieldOf: (server) => `mcpServers.${server}`,
        substitute,
      }),
    )
    return
  }
  const declared = pathsOf(value)
  const paths =
    value === undefined
      ? [`${pluginRoot}.mcp.json`]
      : declared.map((p) => resolve(pluginRoot, p))
  paths.forEach((path, index) => {
    if (path === undefined) {
      context.problems.push(
        problem(
          file.path,
          line,
          `mcpServers path ${declared[index] ?? ''} leaves the plugin directory`,
          {
            field: 'mcpServers',
            level: 'warning',
          },
        ),
      )
      return
    }
    const config = readJson(context, path, line, 'mcpServers')
    if (!config) return
    const servers = asRecord(config.mcpServers) ?? config
    context.problems.push(
      ...addMcpServers(profile, entriesOf(servers), file.path, {
        fallbackLine: line,
        fieldOf: (server) => `mcpServers.${server}`,
        substitute,
      }),
    )
    if (Object.keys(servers).length > 0)
      addNote(profile, `MCP servers are read from ${path}`)
  })
}

// ---------------------------------------------------------------- agents, commands, skills

function readAgents(context: PluginContext, value: unknown): void {
  const { doc, file, pluginRoot, profile } = context
  const line = doc.lineOf(['agents'])
  for (const declared of pathsOf(value)) {
    const path = resolve(pluginRoot, declared)
    if (path === undefined) continue
    if (!/\.md$/i.test(path)) {
      addNote(
        profile,
        `Sub-agents in ${path} are profiled from their own files, if the scan finds them`,
      )
      continue
    }
    const name = agentName(file.readSibling(path), path)
    pushUnique(profile.subAgents, name)
    cite(profile, 'subAgents', line)
  }
  if (profile.subAgents.length > 0) {
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
  }
}

/** The `name` of an agent file's front matter, else its file name. */
function agentName(text: string | undefined, path: string): string {
  return asString(frontMatterData(text, path)?.name) ?? fileStem(path, /\.md$/i)
}

function readSkills(
  context: PluginContext,
  value: unknown,
  field: 'commands' | 'skills',
  label: (name: string) => string,
): void {
  const { profile, pluginRoot, doc } = context
  for (const declared of pathsOf(value)) {
    const path = resolve(pluginRoot, declared)
    if (path === undefined) continue
    const name = lastSegment(path)?.replace(/\.(md|toml)$/i, '')
    if (!name) continue
    if (!profile.skills.some((skill) => skill.name === label(name)))
      profile.skills.push({
        name: label(name),
        description: `${field === 'commands' ? 'slash command' : 'skill'} from ${path}`,
      })
  }
  if (value !== undefined) cite(profile, 'skills', doc.lineOf([field]))
}

// ---------------------------------------------------------------- hooks

function readHooks(context: PluginContext, value: unknown): void {
  const { doc, pluginRoot, profile } = context
  const line = doc.lineOf(['hooks'])
  let config: DataRecord | undefined
  let where = 'plugin.json'
  if (isRecord(value)) {
    config = value
  } else {
    const declared = pathsOf(value)
    const path =
      value === undefined
        ? `${pluginRoot}hooks/hooks.json`
        : declared[0] === undefined
          ? undefined
          : resolve(pluginRoot, declared[0])
    if (path === undefined) return
    config = readJson(
      context,
      path,
      value === undefined ? undefined : line,
      'hooks',
    )
    where = path
  }
  const events = keysOf(asRecord(config?.hooks) ?? config)
  if (events.length === 0) return
  addNote(
    profile,
    `Hooks (${where}) run commands on ${events.join(', ')} without confirmation: they act as guardrails or bypasses`,
  )
}
