/**
 * Roo Code custom modes: `.roomodes` at a project's root (YAML, or JSON in
 * older projects), and the editor-wide `custom_modes.yaml` /
 * `custom_modes.json` when one is committed. One profile per entry of
 * `customModes`.
 *
 * Mapping: slug → name (the id Roo switches modes by); name, description or
 * whenToUse → description; roleDefinition and customInstructions →
 * instructions; groups → tools: `read` → file reading, `edit` → file writing
 * (`["edit", {fileRegex}]` limits it to matching files: allowlists), `browser`
 * → a browser, `command` → a shell, `mcp` → every tool of the MCP servers
 * configured for Roo (in `.roo/mcp.json` or the editor: not listed here).
 *
 * Defaults: a mode has only the groups it lists (none → it can only talk).
 * Whether a tool call waits for the user is decided by Roo's auto-approve
 * settings in the editor, not by this file: humanApproval is not stated.
 * Reach is local; a mode runs from a chat.
 */
import { harnessTool } from '../manifest/harness-tools.js'
import { splitPath } from '../manifest/paths.js'
import { parseManifest, problem, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import { asArray, asRecord, asString, type DataRecord } from '../parse/data.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import { addNote, addTool, cite, newProfile } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

const FORMAT = 'roo-modes'
const GROUPS = ['read', 'edit', 'browser', 'command', 'mcp', 'modes']
/** Regexes that let `edit` touch any file. */
const ANY_FILE = /^(\^?\.[*+]\$?|\.\*\\?\..*|\^?\(\?:\.\*\)\$?)$/

const roo: FormatModule = {
  id: FORMAT,
  title: 'Roo Code custom modes',
  nameEndings: ['roomodes', '.yaml', '.yml', '.json'],
  matchPath,
  sniff: (head) => /(^|\n|")customModes"?\s*:/.test(head),
  parse,
}
export default roo

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const name = splitPath(path).name
  if (name === '.roomodes') return 'yes'
  if (/^custom_modes\.(ya?ml|json)$/i.test(name)) return 'yes'
  return /(^|[_.-])roomodes(\.(ya?ml|json))?$/i.test(name) ? 'maybe' : 'no'
}

function parse(file: ManifestFile): FormatResult {
  const json = /^\s*[{[]/.test(file.text) || /\.json$/i.test(file.path)
  const parsed = parseManifest(file, json ? 'json' : 'yaml')
  if (!parsed.ok) return parsed.result
  const doc = parsed.doc
  const root = asRecord(doc.value)
  if (!root || root.customModes === undefined)
    return rejected('no customModes list: not a Roo Code modes file')
  const modes = asArray(root.customModes)
  if (!modes)
    return {
      agents: [],
      problems: [
        problem(
          file.path,
          doc.lineOf(['customModes']),
          'customModes must be a list of modes',
          {
            field: 'customModes',
          },
        ),
      ],
      document: doc,
    }
  const problems: Problem[] = []
  const agents: AgentProfile[] = []
  modes.forEach((mode, index) => {
    const record = asRecord(mode)
    const path: DataPath = ['customModes', index]
    if (!record) {
      problems.push(
        problem(
          file.path,
          doc.lineOf(path),
          'a mode must be a mapping with slug, name, roleDefinition and groups',
          {
            field: `customModes[${index}]`,
          },
        ),
      )
      return
    }
    const profile = modeProfile(file, record, path, doc, problems)
    if (profile) agents.push(profile)
  })
  return { agents, problems, document: doc }
}

function modeProfile(
  file: ManifestFile,
  mode: DataRecord,
  path: DataPath,
  doc: ParsedDocument,
  problems: Problem[],
): AgentProfile | undefined {
  const lineOf = (...sub: DataPath): number | undefined =>
    doc.lineOf([...path, ...sub])
  const slug = asString(mode.slug)?.trim()
  if (!slug) {
    problems.push(
      problem(file.path, lineOf(), 'a mode needs a slug', {
        field: `customModes[${String(path[1])}].slug`,
      }),
    )
    return undefined
  }
  const profile = newProfile({
    name: slug,
    format: FORMAT,
    file: file.path,
    line: lineOf('slug') ?? lineOf() ?? 1,
  })
  cite(profile, 'name', lineOf('slug'))
  const title = asString(mode.name)?.trim()
  profile.description =
    asString(mode.description)?.trim() ||
    asString(mode.whenToUse)?.trim() ||
    title ||
    undefined
  const instructions = [
    asString(mode.roleDefinition),
    asString(mode.customInstructions),
  ]
    .map((text) => text?.trim())
    .filter((text): text is string => Boolean(text))
  if (instructions.length > 0) {
    profile.instructions = instructions.join('\n\n')
    cite(
      profile,
      'instructions',
      lineOf('roleDefinition') ?? lineOf('customInstructions'),
    )
  }
  profile.exposure.reach = 'local'
  profile.triggers.push('chat')
  readGroups(
    profile,
    mode.groups,
    lineOf,
    problems,
    file.path,
    `customModes[${String(path[1])}]`,
  )
  addNote(
    profile,
    `more instructions may come from .roo/rules-${slug}/ next to this file`,
  )
  addNote(
    profile,
    "whether its tool calls wait for the user is set by Roo's auto-approve settings, outside this file",
  )
  return profile
}

function readGroups(
  profile: AgentProfile,
  value: unknown,
  lineOf: (...sub: DataPath) => number | undefined,
  problems: Problem[],
  file: string,
  field: string,
): void {
  const groups = asArray(value)
  cite(profile, 'tools', lineOf('groups'))
  if (!groups) {
    if (value !== undefined)
      problems.push(
        problem(file, lineOf('groups'), 'groups must be a list', {
          field: `${field}.groups`,
        }),
      )
    addNote(profile, 'no groups: the mode has no tools')
    return
  }
  groups.forEach((group, i) => {
    const line = lineOf('groups', i)
    const [name, options] = Array.isArray(group)
      ? [asString(group[0]), asRecord(group[1])]
      : [asString(group), undefined]
    if (!name || !GROUPS.includes(name)) {
      problems.push(
        problem(file, line, `unknown group ${JSON.stringify(name ?? group)}`, {
          field: `${field}.groups[${i}]`,
          level: 'warning',
          help: `Use ${GROUPS.join(', ')}.`,
        }),
      )
      return
    }
    if (name === 'modes') return
    const { tool } = harnessTool(name, line, 'roo')
    if (name === 'mcp') {
      tool.wildcard = true
      tool.source = 'mcp'
      addNote(
        profile,
        'mcp: every tool of the MCP servers configured for Roo (in .roo/mcp.json or the editor)',
      )
    }
    const regex = asString(options?.fileRegex)
    if (regex !== undefined)
      limitFiles(profile, tool, regex, asString(options?.description), line)
    addTool(profile, tool)
  })
}

function limitFiles(
  profile: AgentProfile,
  tool: { description?: string },
  regex: string,
  description: string | undefined,
  line: number | undefined,
): void {
  tool.description = `only files matching ${regex}${description ? ` (${description})` : ''}`
  if (ANY_FILE.test(regex.trim())) {
    addNote(profile, `fileRegex ${regex} matches every file: it limits nothing`)
    return
  }
  profile.controls.allowlists = true
  cite(profile, 'controls.allowlists', line)
}
