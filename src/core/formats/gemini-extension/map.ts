import {
  addMcpServers,
  addNote,
  addScopedCredential,
  cite,
  isCredentialName,
  lastSegment,
  newProfile,
  problem,
  readWith,
  splitPath,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import { GeminiExtension, HooksFile, type Setting } from './schema.js'

const FORMAT_ID = 'gemini-extension'
/** Instructions kept in a profile; context files can be long. */
const MAX_INSTRUCTIONS = 20_000

export function mapGeminiExtension(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', GeminiExtension)
  if (!read.ok) return read.result
  const root = read.data
  // The file is claimed by its name, so any other top level is its problem.
  if (!root)
    return {
      agents: [],
      problems: [
        problem(file.path, 1, 'gemini-extension.json must be a JSON object', {
          help: 'An extension manifest holds name, version and optional mcpServers, contextFileName, excludeTools.',
        }),
      ],
      document: read.doc,
    }
  const { dir } = splitPath(file.path)
  const problems: Problem[] = []
  if (!root.name) {
    problems.push(
      problem(file.path, 1, 'the extension has no name', {
        field: 'name',
        help: 'Give it a name that matches its directory.',
      }),
    )
  }
  problems.push(...read.problems)
  const profile = newProfile({
    name: root.name ?? (lastSegment(dir) || file.path),
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', read.lineOf(['name']))
  profile.description = root.description
  profile.exposure.reach = 'local'
  profile.exposure.channels.push('cli')
  profile.triggers.push('chat')
  problems.push(...readServers(profile, root, read, file))
  readContext(profile, root.contextFileName, read, file, dir)
  readExcludeTools(profile, root.excludeTools, read)
  readSettings(profile, root.settings ?? [], read)
  readHooks(profile, file, dir)
  addNote(
    profile,
    'An extension adds to Gemini CLI: the host keeps its own built-in tools and approval settings (.gemini/settings.json)',
  )
  return { agents: [profile], problems, document: read.doc }
}

function readServers(
  profile: AgentProfile,
  { mcpServers }: GeminiExtension,
  read: Reading<unknown>,
  file: ManifestFile,
): Problem[] {
  if (!mcpServers) return []
  return addMcpServers(profile, mcpServers, file.path, {
    lineOf: (server) => read.lineOf(['mcpServers', server]),
    fieldOf: (server) => `mcpServers.${server}`,
    // Host variables that name paths: the extension directory is the
    // manifest's, so they are known, not values set at run time.
    substitute: (text) =>
      text
        .replaceAll('${extensionPath}', '.')
        .replaceAll('${workspacePath}', '.')
        .replaceAll('${pathSeparator}', '/')
        .replaceAll('${/}', '/'),
    trustIgnored: true,
  })
}

/** The extension's context files become its instructions. */
function readContext(
  profile: AgentProfile,
  declared: readonly string[],
  read: Reading<unknown>,
  file: ManifestFile,
  dir: string,
): void {
  // The CLI loads GEMINI.md when the manifest names no context file.
  const names = declared.length > 0 ? declared : ['GEMINI.md']
  const line = read.lineOf(['contextFileName'])
  const texts: string[] = []
  for (const name of names) {
    const text = safeName(name) ? file.readSibling(`${dir}${name}`) : undefined
    if (text !== undefined) texts.push(text.trim())
    else if (declared.length > 0)
      addNote(
        profile,
        `Context file ${name} is not in the repository: its instructions are unknown`,
      )
  }
  if (texts.length === 0) return
  profile.instructions = texts.join('\n\n').slice(0, MAX_INSTRUCTIONS)
  cite(profile, 'instructions', line ?? 1)
  addNote(
    profile,
    `Instructions come from ${names.filter(safeName).join(', ')} in the extension directory`,
  )
}

/** A file name inside the extension directory, not a path out of it. */
function safeName(name: string): boolean {
  return (
    name !== '' && !name.split(/[\\/]/).includes('..') && !/^[\\/]/.test(name)
  )
}

function readExcludeTools(
  profile: AgentProfile,
  excluded: readonly string[],
  read: Reading<unknown>,
): void {
  if (excluded.length === 0) return
  profile.controls.allowlists = true
  cite(profile, 'controls.allowlists', read.lineOf(['excludeTools']))
  addNote(
    profile,
    `The extension removes tools from the CLI: ${excluded.slice(0, 8).join(', ')} (string matching, not a security boundary)`,
  )
}

/** Settings the user is asked for at install, stored as env vars. */
function readSettings(
  profile: AgentProfile,
  settings: readonly Setting[],
  read: Reading<unknown>,
): void {
  const names: string[] = []
  for (const setting of settings) {
    const envVar = setting.envVar
    if (!envVar) continue
    names.push(envVar)
    const secret =
      setting.sensitive === true ||
      isCredentialName(envVar) ||
      isCredentialName(setting.name ?? '')
    if (!secret) continue
    addScopedCredential(
      profile,
      envVar,
      read.lineOf(['settings', setting.index]),
    )
  }
  if (names.length > 0)
    addNote(
      profile,
      `The extension asks for ${names.length} setting(s) at install, kept as environment variables (${names.slice(0, 6).join(', ')})`,
    )
}

/** Extension hooks live in hooks/hooks.json beside the manifest. */
function readHooks(
  profile: AgentProfile,
  file: ManifestFile,
  dir: string,
): void {
  const path = `${dir}hooks/hooks.json`
  const text = file.readSibling(path)
  if (text === undefined) return
  const hooks = readWith(
    { path, text, readSibling: (sibling) => file.readSibling(sibling) },
    'json',
    HooksFile,
  )
  if (!hooks.ok) {
    addNote(profile, `${path} could not be read: its hooks are unknown`)
    return
  }
  const events = hooks.data
  if (events.length > 0)
    addNote(
      profile,
      `Hooks in ${path} run commands on ${events.join(', ')} without confirmation: they act as guardrails or bypasses`,
    )
}
