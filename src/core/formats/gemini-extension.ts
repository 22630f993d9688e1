/**
 * Gemini CLI extensions: `gemini-extension.json` at the root of an extension
 * directory. An extension adds MCP servers, context, tool exclusions,
 * commands, hooks, skills and sub-agents to the Gemini CLI that installs it;
 * the profile is the extension, named after it.
 *
 * Mapping: `name` → name; `description` → description; `mcpServers` → one
 * tool per server through `mcpServerTool` (`${extensionPath}`,
 * `${workspacePath}` and `${/}` are expanded to the extension's directory
 * first, since they are paths, not unknown values); `contextFileName` (one
 * name or a list; `GEMINI.md` when absent and present) → instructions, read
 * from the extension directory; `excludeTools` → allowlists true with a note;
 * `settings[]` (values the user is asked for at install, kept as env vars)
 * → identity.credentials when `sensitive` or named like a credential;
 * `hooks/hooks.json` beside the manifest → a note naming its events. Reach
 * is `local` and the trigger `chat`, as for the CLI itself.
 *
 * Defaults: the host ignores `trust` on extension servers, so it does not
 * count as auto-approval (a note says so). The extension adds to the CLI:
 * the host's own built-in tools and approval settings come from
 * `.gemini/settings.json`, so they are neither listed nor assumed here.
 * Commands (`commands/*.toml`), skills and sub-agents (`agents/*.md`) are
 * files of the extension directory that the manifest does not list.
 */
import {
  addScopedCredential,
  isCredentialName,
} from '../manifest/credentials.js'
import { addMcpServers } from '../manifest/mcp-servers.js'
import { lastSegment, splitPath } from '../manifest/paths.js'
import { parseMapping, problem } from '../manifest/result.js'
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
  asStrings,
  entriesOf,
  isRecord,
  keysOf,
} from '../parse/data.js'
import { parseJsonDocument, type ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import { addNote, cite, newProfile } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

const FORMAT_ID = 'gemini-extension'
/** Instructions kept in a profile; context files can be long. */
const MAX_INSTRUCTIONS = 20_000

const geminiExtension: FormatModule = {
  id: FORMAT_ID,
  title: 'Gemini CLI extension',
  nameEndings: ['.json'],
  matchPath: (path) =>
    splitPath(path).name === 'gemini-extension.json' ? 'yes' : 'no',
  parse: parseExtension,
}
export default geminiExtension

function parseExtension(file: ManifestFile): FormatResult {
  const parsed = parseMapping(file, 'json', {
    problem: 'gemini-extension.json must be a JSON object',
    help: 'An extension manifest holds name, version and optional mcpServers, contextFileName, excludeTools.',
  })
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  const { dir } = splitPath(file.path)
  const problems: Problem[] = []
  const name = asString(root.name)
  if (!name) {
    problems.push(
      problem(file.path, 1, 'the extension has no name', {
        field: 'name',
        help: 'Give it a name that matches its directory.',
      }),
    )
  }
  const profile = newProfile({
    name: name ?? (lastSegment(dir) || file.path),
    format: FORMAT_ID,
    file: file.path,
    line: doc.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', doc.lineOf(['name']))
  profile.description = asString(root.description)
  profile.exposure.reach = 'local'
  profile.exposure.channels.push('cli')
  profile.triggers.push('chat')
  problems.push(...readServers(profile, root, doc, file))
  readContext(profile, root.contextFileName, doc, file, dir)
  readExcludeTools(profile, root.excludeTools, doc)
  readSettings(profile, root.settings, doc)
  readHooks(profile, file, dir)
  addNote(
    profile,
    'An extension adds to Gemini CLI: the host keeps its own built-in tools and approval settings (.gemini/settings.json)',
  )
  return { agents: [profile], problems, document: doc }
}

function readServers(
  profile: AgentProfile,
  root: Record<string, unknown>,
  doc: ParsedDocument,
  file: ManifestFile,
): Problem[] {
  if (root.mcpServers === undefined) return []
  if (!isRecord(root.mcpServers)) {
    return [
      problem(
        file.path,
        doc.lineOf(['mcpServers']),
        'mcpServers must be an object that maps server names to their settings',
        { field: 'mcpServers' },
      ),
    ]
  }
  return addMcpServers(profile, entriesOf(root.mcpServers), file.path, {
    lineOf: (server) => doc.lineOf(['mcpServers', server]),
    fieldOf: (server) => `mcpServers.${server}`,
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
  value: unknown,
  doc: ParsedDocument,
  file: ManifestFile,
  dir: string,
): void {
  const declared = typeof value === 'string' ? [value] : asStrings(value)
  const names = declared.length > 0 ? declared : ['GEMINI.md']
  const line = doc.lineOf(['contextFileName'])
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
  value: unknown,
  doc: ParsedDocument,
): void {
  const excluded = asStrings(value)
  if (excluded.length === 0) return
  profile.controls.allowlists = true
  cite(profile, 'controls.allowlists', doc.lineOf(['excludeTools']))
  addNote(
    profile,
    `The extension removes tools from the CLI: ${excluded.slice(0, 8).join(', ')} (string matching, not a security boundary)`,
  )
}

/** Settings the user is asked for at install, stored as env vars. */
function readSettings(
  profile: AgentProfile,
  value: unknown,
  doc: ParsedDocument,
): void {
  const settings = asArray(value) ?? []
  const names: string[] = []
  settings.forEach((item, index) => {
    const setting = asRecord(item)
    const envVar = asString(setting?.envVar)
    if (!setting || !envVar) return
    names.push(envVar)
    const secret =
      asBoolean(setting.sensitive) === true ||
      isCredentialName(envVar) ||
      isCredentialName(asString(setting.name) ?? '')
    if (!secret) return
    addScopedCredential(profile, envVar, doc.lineOf(['settings', index]))
  })
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
  let events: string[]
  try {
    const root = asRecord(parseJsonDocument(text, path).value)
    events = keysOf(asRecord(root?.hooks) ?? root)
  } catch {
    addNote(profile, `${path} could not be read: its hooks are unknown`)
    return
  }
  if (events.length > 0)
    addNote(
      profile,
      `Hooks in ${path} run commands on ${events.join(', ')} without confirmation: they act as guardrails or bypasses`,
    )
}
