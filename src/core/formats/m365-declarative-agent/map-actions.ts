import {
  addCredential,
  addNote,
  addTool,
  cite,
  joinPath,
  parseJsonDocument,
  problemFrom,
  splitPath,
  type AgentProfile,
  type ManifestFile,
  type ParsedDocument,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import { readPlugin } from './map-plugin.js'
import { Plugin, type Action } from './schema.js'

/** Joins a manifest-relative path onto its folder, refusing to leave the scan root. */
export function resolveRelative(
  dir: string,
  relative: string,
): string | undefined {
  if (/^([a-z]+:|\/|\\)/i.test(relative)) return undefined
  return joinPath(dir, relative.replace(/\\/g, '/'))
}

/**
 * Actions: each points to an API plugin file beside the agent, whose
 * functions become the agent's tools. A plugin that cannot be read still
 * gives the agent an action whose reach is unknown.
 */
export function readActions(
  file: ManifestFile,
  read: Reading<unknown>,
  actions: ReadonlyArray<Action | undefined>,
  profile: AgentProfile,
  problems: Problem[],
): void {
  const { dir } = splitPath(file.path)
  const confirmed: boolean[] = []
  actions.forEach((action, index) => {
    const pluginFile = action?.file
    const id = action?.id ?? pluginFile ?? `action ${index + 1}`
    const line = read.lineOf(['actions', index])
    cite(profile, 'tools', line)
    const path = pluginFile ? resolveRelative(dir, pluginFile) : undefined
    const text = path === undefined ? undefined : file.readSibling(path)
    if (path === undefined || text === undefined) {
      addTool(profile, {
        name: id,
        kind: 'network',
        line,
        source: 'plugin',
        wildcard: true,
      })
      addNote(
        profile,
        `action ${id}: its plugin file ${pluginFile ?? '(none given)'} could not be read, so its functions are unknown`,
      )
      return
    }
    let pluginDoc: ParsedDocument
    try {
      pluginDoc = parseJsonDocument(text, path)
    } catch (error) {
      problems.push(problemFrom(error, path))
      return
    }
    const reading = readPlugin(Plugin.parse(pluginDoc.value), () => line, path)
    for (const tool of reading.tools) addTool(profile, tool)
    addNote(profile, `action ${id}: functions read from ${path}`)
    for (const note of reading.notes) addNote(profile, note)
    for (const credential of reading.credentials)
      addCredential(profile, credential, line)
    if (reading.tools.length > 0) confirmed.push(reading.allConfirmed)
  })
  if (confirmed.length > 0 && confirmed.every(Boolean)) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', read.lineOf(['actions']))
  }
}
