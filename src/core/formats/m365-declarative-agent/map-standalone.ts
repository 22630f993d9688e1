import {
  parseJsonDocument,
  rejected,
  splitPath,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import { resolveRelative } from './map-actions.js'
import { AppManifest, Manifest } from './schema.js'

/**
 * An API plugin is never an agent of its own: it is the actions of the
 * declarative agent that lists it, and is read with that agent (whose
 * profile gets its functions as tools). A plugin that no agent of its
 * folder references is the surface of some agent elsewhere, or of none:
 * counting it as an agent would report an agent that does not exist.
 */
export function mapPlugin(file: ManifestFile): FormatResult {
  const owner = referencingAgent(file)
  return rejected(
    owner
      ? `API plugin of the declarative agent ${owner}; it is read with that agent`
      : 'an API plugin that no declarative agent of its folder lists: the actions of an agent, not an agent; it is read with the agent whose actions name it',
  )
}

/** The JSON value of a sibling file, or undefined when absent or unreadable. */
function siblingValue(file: ManifestFile, path: string): unknown {
  const text = file.readSibling(path)
  if (text === undefined) return undefined
  try {
    return parseJsonDocument(text, path).value
  } catch {
    // An unreadable file only means no agent is found through it.
    return undefined
  }
}

/** The declarative agent of the same folder that lists this plugin among its actions. */
function referencingAgent(file: ManifestFile): string | undefined {
  const { dir, name } = splitPath(file.path)
  const candidates = new Set<string>([`${dir}declarativeAgent.json`])
  const app = AppManifest.parse(siblingValue(file, `${dir}manifest.json`))
  for (const entry of app?.copilotAgents?.declarativeAgents ?? []) {
    const path = entry?.file ? resolveRelative(dir, entry.file) : undefined
    if (path) candidates.add(path)
  }
  for (const candidate of candidates) {
    const agent = Manifest.parse(siblingValue(file, candidate))
    const { dir: agentDir } = splitPath(candidate)
    const listed = (agent?.actions ?? []).some(
      (action) =>
        action?.file !== undefined &&
        resolveRelative(agentDir, action.file) === `${dir}${name}`,
    )
    if (listed) return candidate
  }
  return undefined
}
