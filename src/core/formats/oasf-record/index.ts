import type { FormatModule } from '../../manifest/kit.js'
import { mapOasfRecord } from './map.js'

/** AGNTCY OASF records, JSON of any name: see MAPPING.md. */
function sniff(head: string): boolean {
  return (
    /"schema_version"\s*:\s*"/.test(head) &&
    /"skills"\s*:\s*\[/.test(head) &&
    /"(locators|modules|extensions|domains)"\s*:\s*\[/.test(head)
  )
}

const format: FormatModule = {
  id: 'oasf-record',
  title: 'AGNTCY OASF record',
  nameEndings: ['.json'],
  // Records have no name of their own: the content decides.
  matchPath: (path) => (/\.json$/i.test(path) ? 'maybe' : 'no'),
  sniff,
  parse: mapOasfRecord,
}
export default format
