import {
  fileStem,
  parseManifest,
  rejected,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import { readAgent } from './map-agent.js'
import { readLegacy } from './map-legacy.js'
import { readTeam } from './map-team.js'
import { LEGACY_AGENT, type Reader } from './reader.js'
import {
  LegacyRoot,
  Root,
  type Component,
  type Gallery,
  type Headed,
} from './schema.js'

export function mapAutogen(file: ManifestFile): FormatResult {
  // Checked without readWith: no schema here reports what it leaves out,
  // so the paths of the document's lists and maps, which readWith gathers
  // for such reports, would be gathered for nothing.
  const read = parseManifest(file, 'auto')
  if (!read.ok) return read.result
  const root = Root.parse(read.doc.value)
  if (!root)
    return rejected('not an AutoGen component: the document is not a mapping')
  const reader: Reader = {
    file: file.path,
    doc: read.doc,
    agents: [],
    problems: [],
    fallbackName: fileStem(file.path, /\.(json|ya?ml)$/i) || 'autogen-team',
    component: (component, path, parent) =>
      readComponent(reader, component, path, parent),
  }
  const shape = shapeOf(root, read.doc.value)
  switch (shape.kind) {
    case 'component':
      if (!readComponent(reader, shape.value, shape.path, undefined)) {
        return rejected(
          `AutoGen ${shape.value.typeLabel} component (${String(shape.value.provider)}) is not a team or an agent`,
        )
      }
      break
    case 'gallery':
      readGallery(reader, shape.value)
      break
    case 'legacy':
      readLegacy(reader, shape.value)
      break
    case 'none':
      return rejected(
        'not an AutoGen component: no autogen provider, team_type or agent_type',
      )
  }
  if (reader.agents.length === 0 && reader.problems.length === 0) {
    return rejected('AutoGen document holds no team or agent')
  }
  return {
    agents: reader.agents,
    problems: reader.problems,
    document: read.doc,
  }
}

type Shape =
  | { kind: 'component'; value: Headed; path: DataPath }
  | { kind: 'gallery'; value: Gallery }
  | { kind: 'legacy'; value: LegacyRoot }
  | { kind: 'none' }

/** Class names of the legacy format: other tools use `agent_type` too. */
const LEGACY_TEAM = /^\w*(GroupChat|Swarm|GraphFlow)$/

function shapeOf(root: Root, document: unknown): Shape {
  if (isComponent(root)) return { kind: 'component', value: root, path: [] }
  const wrapped = root.component
  if (wrapped && isComponent(wrapped)) {
    return { kind: 'component', value: wrapped, path: ['component'] }
  }
  if (root.gallery?.stated) return { kind: 'gallery', value: root.gallery }
  // Read as a legacy document only now that it is nothing else.
  const legacy = LegacyRoot.parse(document)
  if (
    LEGACY_TEAM.test(legacy.team_type ?? '') ||
    LEGACY_AGENT.test(legacy.agent_type ?? '') ||
    (legacy.participants ?? []).some((p) =>
      LEGACY_AGENT.test(p?.agent_type ?? ''),
    )
  ) {
    return { kind: 'legacy', value: legacy }
  }
  return { kind: 'none' }
}

function isComponent(value: Headed): boolean {
  const provider = value.provider
  return (
    provider !== undefined &&
    /^autogen_|\.autogen_|autogenstudio/.test(provider) &&
    (value.typeStated || value.config !== undefined)
  )
}

/** Reads a team or agent component; false when it is neither. */
function readComponent(
  reader: Reader,
  component: Component,
  path: DataPath,
  parent: AgentProfile | undefined,
): AgentProfile | false {
  const type = component.component_type
  const provider = component.provider ?? ''
  if (type === 'team' || /\.teams\./.test(provider)) {
    return readTeam(reader, component, path, parent)
  }
  if (type === 'agent' || /\.agents\./.test(provider)) {
    return readAgent(reader, component, path, parent)
  }
  return false
}

function readGallery(reader: Reader, gallery: Gallery): void {
  for (const key of ['teams', 'agents'] as const) {
    gallery[key]?.forEach((entry, index) => {
      if (entry)
        readComponent(reader, entry, ['components', key, index], undefined)
    })
  }
}
