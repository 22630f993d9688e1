import type { z } from 'zod'
import {
  addMcpServers,
  addNote,
  cite,
  fileStem,
  frontMatterData,
  lastSegment,
  problem,
  pushUnique,
  readWith,
  type AgentProfile,
  type ManifestFile,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import {
  AgentFrontMatter,
  HooksFile,
  ServersFile,
  type Files,
  type Hooks,
  type Servers,
} from './schema.js'

/**
 * What a plugin includes besides its name (MCP servers, sub-agents, slash
 * commands, skills, hooks), inline or from files of the plugin. Each
 * reader gets the plugin's file, its reading and the profile it fills.
 */
export interface PluginContext {
  readonly file: ManifestFile
  readonly read: Reading<unknown>
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

/**
 * Reads a JSON file of the plugin with its schema. A file that is missing
 * is a warning when plugin.json names it (at `line`); one that is not JSON
 * is a problem naming that file.
 */
function readJson<S extends z.ZodType>(
  context: PluginContext,
  path: string,
  line: number | undefined,
  field: string,
  schema: S,
): z.output<S> | undefined {
  const { file, problems } = context
  const text = file.readSibling(path)
  if (text === undefined) {
    if (line !== undefined)
      problems.push(
        problem(
          file.path,
          line,
          `${field} points at ${path}, which is not in the repository`,
          { field, level: 'warning' },
        ),
      )
    return undefined
  }
  const sibling: ManifestFile = {
    path,
    text,
    readSibling: (other) => file.readSibling(other),
  }
  const read = readWith(sibling, 'json', schema)
  if (!read.ok) {
    problems.push(...read.result.problems)
    return undefined
  }
  return read.data
}

// ---------------------------------------------------------------- servers

/** Paths relative to the plugin, not unknown values. */
const substitute = (text: string): string =>
  text.replaceAll('${CLAUDE_PLUGIN_ROOT}', '.')

export function readServers(context: PluginContext, servers: Servers): void {
  const { read, file, pluginRoot, profile } = context
  const line = read.lineOf(['mcpServers'])
  if (servers.inline) {
    context.problems.push(
      ...addMcpServers(profile, servers.inline, file.path, {
        lineOf: (server) => read.lineOf(['mcpServers', server]),
        fieldOf: (server) => `mcpServers.${server}`,
        substitute,
      }),
    )
    return
  }
  const declared = servers.paths
  const paths = servers.stated
    ? declared.map((p) => resolve(pluginRoot, p))
    : [`${pluginRoot}.mcp.json`]
  paths.forEach((path, index) => {
    if (path === undefined) {
      context.problems.push(
        problem(
          file.path,
          line,
          `mcpServers path ${declared[index] ?? ''} leaves the plugin directory`,
          { field: 'mcpServers', level: 'warning' },
        ),
      )
      return
    }
    const entries = readJson(context, path, line, 'mcpServers', ServersFile)
    if (!entries) return
    context.problems.push(
      ...addMcpServers(profile, entries, file.path, {
        fallbackLine: line,
        fieldOf: (server) => `mcpServers.${server}`,
        substitute,
      }),
    )
    if (entries.length > 0)
      addNote(profile, `MCP servers are read from ${path}`)
  })
}

// ---------------------------------------------------------------- agents, commands, skills

export function readAgents(context: PluginContext, agents: Files): void {
  const { read, file, pluginRoot, profile } = context
  const line = read.lineOf(['agents'])
  for (const declared of agents.paths) {
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
  const fields = AgentFrontMatter.parse(frontMatterData(text, path))
  return fields?.name ?? fileStem(path, /\.md$/i)
}

export function readSkills(
  context: PluginContext,
  files: Files,
  field: 'commands' | 'skills',
  label: (name: string) => string,
): void {
  const { profile, pluginRoot, read } = context
  for (const declared of files.paths) {
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
  if (files.stated) cite(profile, 'skills', read.lineOf([field]))
}

// ---------------------------------------------------------------- hooks

export function readHooks(context: PluginContext, hooks: Hooks): void {
  const { read, pluginRoot, profile } = context
  const line = read.lineOf(['hooks'])
  let config = hooks.inline
  let where = 'plugin.json'
  if (!config) {
    const [first] = hooks.paths
    const path = !hooks.stated
      ? `${pluginRoot}hooks/hooks.json`
      : first === undefined
        ? undefined
        : resolve(pluginRoot, first)
    if (path === undefined) return
    const named = hooks.stated ? line : undefined
    config = readJson(context, path, named, 'hooks', HooksFile)
    where = path
  }
  const events = (config ?? []).map(([event]) => event)
  if (events.length === 0) return
  addNote(
    profile,
    `Hooks (${where}) run commands on ${events.join(', ')} without confirmation: they act as guardrails or bypasses`,
  )
}
