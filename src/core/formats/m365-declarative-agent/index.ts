import { splitPath, type FormatModule } from '../../manifest/kit.js'
import { mapM365 } from './map.js'
import { AGENT_SCHEMA, FORMAT_ID, PLUGIN_SCHEMA } from './schema.js'

/**
 * Microsoft 365 Copilot declarative agents (`declarativeAgent.json`) and
 * the API plugins (`ai-plugin.json`) their actions point to: see MAPPING.md.
 */
const AGENT_NAME =
  /^declarativeAgent[\w.-]*\.json$|[_.-]declarativeAgent\.json$/i
const PLUGIN_NAME = /^ai-plugin[\w.-]*\.json$|[_.-]ai-plugin\.json$/i

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const { name } = splitPath(path)
  if (AGENT_NAME.test(name) || PLUGIN_NAME.test(name)) return 'yes'
  return /\.json$/i.test(name) ? 'maybe' : 'no'
}

function sniff(head: string): boolean {
  if (AGENT_SCHEMA.test(head) || PLUGIN_SCHEMA.test(head)) return true
  return (
    /"instructions"\s*:/.test(head) &&
    /"conversation_starters"\s*:/.test(head) &&
    /"version"\s*:\s*"v1\.\d+"/.test(head)
  )
}

const format: FormatModule = {
  id: FORMAT_ID,
  title: 'Microsoft 365 Copilot declarative agent',
  nameEndings: ['.json'],
  matchPath,
  sniff,
  parse: mapM365,
}
export default format
