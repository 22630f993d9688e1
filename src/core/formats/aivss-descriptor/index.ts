import type { FormatModule } from '../../manifest/kit.js'
import { mapDescriptor } from './map.js'

/** The gate's own descriptor, `*.aivss.{yml,yaml,json}`: see MAPPING.md. */
const format: FormatModule = {
  id: 'aivss-descriptor',
  title: 'aivss-gate descriptor',
  nameEndings: ['.yaml', '.yml', '.json'],
  // The ending is the format's own: no other file needs sniffing.
  matchPath: (path) => (/\.aivss\.(ya?ml|json)$/i.test(path) ? 'yes' : 'no'),
  parse: mapDescriptor,
}
export default format
