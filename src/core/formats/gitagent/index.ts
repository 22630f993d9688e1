import { hasFrontMatter, type FormatModule } from '../../manifest/kit.js'
import { mapAgent } from './map.js'
import { mapLightSubAgent } from './map-light.js'
import { FORMAT_ID } from './schema.js'

const SPEC_LINE = /^spec_version:[ \t]*["']?\d+\.\d+(?:\.\d+)?["']?[ \t]*$/m
const CANONICAL = /(^|\/)agent\.ya?ml$/i
const LIGHT_SUBAGENT = /(^|\/)agents\/[^/]+\.md$/i

/** gitagent (open-gitagent) agent directories, `agent.yaml`: see MAPPING.md. */
const format: FormatModule = {
  id: FORMAT_ID,
  title: 'gitagent',
  priority: 25,
  nameEndings: ['.yaml', '.yml', '.md'],
  matchPath: (path) => {
    if (CANONICAL.test(path)) return 'yes'
    if (/\.ya?ml$/i.test(path) || LIGHT_SUBAGENT.test(path)) return 'maybe'
    return 'no'
  },
  sniff: (head, path) =>
    LIGHT_SUBAGENT.test(path)
      ? hasFrontMatter(head) &&
        /^\s+preferred:/m.test(head) &&
        /^description:/m.test(head)
      : SPEC_LINE.test(head) && /^name:/m.test(head),
  parse: (file) =>
    LIGHT_SUBAGENT.test(file.path) ? mapLightSubAgent(file) : mapAgent(file),
}
export default format
