import type { FormatModule } from '../../manifest/kit.js'
import { mapLangflow } from './map.js'
import { FORMAT_ID } from './schema.js'

/** Langflow flow exports: see MAPPING.md. */
const format: FormatModule = {
  id: FORMAT_ID,
  title: 'Langflow flow',
  nameEndings: ['.json'],
  matchPath: (path) => (/\.json$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    /"data"\s*:\s*\{\s*"(nodes|edges)"\s*:\s*\[/.test(head) ||
    /"type"\s*:\s*"genericNode"/.test(head) ||
    /(reactflow__edge-|xy-edge__)\w/.test(head) ||
    /œ(dataType|fieldName)œ/.test(head),
  parse: mapLangflow,
}
export default format
