import type { FormatModule } from '../../manifest/kit.js'
import { mapCagent } from './map.js'
import { FORMAT_ID, SHEBANG } from './schema.js'

/** Docker cagent (`docker agent`) configurations: see MAPPING.md. */
function sniff(head: string): boolean {
  if (SHEBANG.test(head.split('\n', 1)[0] ?? '')) return true
  return (
    /^agents[ \t]*:[ \t]*(#.*)?$/m.test(head) &&
    /^[ \t]+root[ \t]*:[ \t]*(#.*)?$/m.test(head) &&
    /^[ \t]+(instruction|toolsets|sub_agents|model)[ \t]*:/m.test(head) &&
    !/^(apiVersion|kind|services)[ \t]*:/m.test(head)
  )
}

const format: FormatModule = {
  id: FORMAT_ID,
  title: 'Docker cagent',
  nameEndings: ['.yaml', '.yml'],
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  sniff,
  parse: mapCagent,
}
export default format
