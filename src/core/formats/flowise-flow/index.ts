import type { FormatModule } from '../../manifest/kit.js'
import { mapFlowise } from './map.js'
import { FORMAT_ID } from './schema.js'

/** Flowise chatflow and agentflow exports: see MAPPING.md. */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  if (!/\.json$/i.test(path)) return 'no'
  const name = path.slice(path.lastIndexOf('/') + 1)
  return /[ ._-](chatflow|agentflow)\.json$/i.test(name) ? 'yes' : 'maybe'
}

const CATEGORY =
  /"category"\s*:\s*"(Agents|Agent Flows|Multi Agents|Sequential Agents|Chat Models|Tools|Memory|Chains)"/

/** An export-all file, a saved chatflow, or a flow with Flowise's nodes. */
function sniff(head: string): boolean {
  return (
    /"(ChatFlow|AgentFlow|AgentFlowV2)"\s*:\s*\[/.test(head) ||
    (/"flowData"\s*:\s*"/.test(head) && /\\"nodes\\"/.test(head)) ||
    (/"nodes"\s*:\s*\[/.test(head) &&
      (/"type"\s*:\s*"(customNode|agentFlow)"/.test(head) ||
        /"baseClasses"\s*:\s*\[/.test(head) ||
        CATEGORY.test(head)))
  )
}

const format: FormatModule = {
  id: FORMAT_ID,
  title: 'Flowise flow',
  nameEndings: ['.json'],
  matchPath,
  sniff,
  parse: mapFlowise,
}
export default format
