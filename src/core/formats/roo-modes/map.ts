import {
  addNote,
  addTool,
  cite,
  harnessTool,
  newProfile,
  readWith,
  rejected,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
  type Reading,
} from '../../manifest/kit.js'
import { RooModesFile, type Group, type Mode } from './schema.js'

const FORMAT = 'roo-modes'
/** Regexes that let `edit` touch any file. */
const ANY_FILE = /^(\^?\.[*+]\$?|\.\*\\?\..*|\^?\(\?:\.\*\)\$?)$/

export function mapRooModes(file: ManifestFile): FormatResult {
  const json = /^\s*[{[]/.test(file.text) || /\.json$/i.test(file.path)
  const read = readWith(file, json ? 'json' : 'yaml', RooModesFile)
  if (!read.ok) return read.result
  const modes = read.data?.customModes as readonly Mode[] | undefined
  // Absent: another format's file. Present but not a list: reported.
  if (!modes && read.problems.length === 0)
    return rejected('no customModes list: not a Roo Code modes file')
  const agents = (modes ?? []).map((mode) => modeProfile(file, mode, read))
  return { agents, problems: read.problems, document: read.doc }
}

function modeProfile(
  file: ManifestFile,
  mode: Mode,
  read: Reading<unknown>,
): AgentProfile {
  const lineOf = (...sub: DataPath): number | undefined =>
    read.lineOf([...mode.at, ...sub])
  const profile = newProfile({
    name: mode.slug,
    format: FORMAT,
    file: file.path,
    line: lineOf('slug') ?? lineOf() ?? 1,
  })
  cite(profile, 'name', lineOf('slug'))
  profile.description =
    mode.description?.trim() ||
    mode.whenToUse?.trim() ||
    mode.name?.trim() ||
    undefined
  const instructions = [mode.roleDefinition, mode.customInstructions]
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
  readGroups(profile, mode.groups, lineOf)
  addNote(
    profile,
    `more instructions may come from .roo/rules-${mode.slug}/ next to this file`,
  )
  addNote(
    profile,
    "whether its tool calls wait for the user is set by Roo's auto-approve settings, outside this file",
  )
  return profile
}

function readGroups(
  profile: AgentProfile,
  groups: readonly Group[] | undefined,
  lineOf: (...sub: DataPath) => number | undefined,
): void {
  cite(profile, 'tools', lineOf('groups'))
  if (!groups) {
    addNote(profile, 'no groups: the mode has no tools')
    return
  }
  for (const group of groups) {
    if (group.name === 'modes') continue
    const line = lineOf('groups', group.index)
    const { tool } = harnessTool(group.name, line, 'roo')
    if (group.name === 'mcp') {
      tool.wildcard = true
      tool.source = 'mcp'
      addNote(
        profile,
        'mcp: every tool of the MCP servers configured for Roo (in .roo/mcp.json or the editor)',
      )
    }
    if (group.fileRegex !== undefined)
      limitFiles(profile, tool, group.fileRegex, group.limitDescription, line)
    addTool(profile, tool)
  }
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
