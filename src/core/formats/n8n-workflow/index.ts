import type { FormatModule } from '../../manifest/kit.js'
import { mapN8n } from './map.js'
import { FORMAT_ID } from './schema.js'

/** n8n workflow exports with AI Agent nodes: see MAPPING.md. */
const format: FormatModule = {
  id: FORMAT_ID,
  title: 'n8n workflow',
  nameEndings: ['.json'],
  matchPath: (path) => (/\.json$/i.test(path) ? 'maybe' : 'no'),
  // Node parameters come first and can be long (a Code node, a sticky
  // note), so the type marker may lie beyond the head: the shape of the
  // first node and of the connections serve as well.
  sniff: (head) =>
    (/"nodes"\s*:\s*\[/.test(head) &&
      (/"(@n8n\/)?n8n-nodes-(base|langchain)\.\w+"/.test(head) ||
        /"nodes"\s*:\s*\[\s*\{\s*"parameters"\s*:\s*\{/.test(head))) ||
    (/"connections"\s*:\s*\{/.test(head) &&
      /"type"\s*:\s*"(main|ai_\w+)"\s*,\s*"index"\s*:/.test(head)),
  parse: mapN8n,
}
export default format
