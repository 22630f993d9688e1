import { splitPath, type FormatModule } from '../../manifest/kit.js'
import { mapGoogleAdk } from './map.js'
import { ADK_SCHEMA } from './schema.js'

/** Google ADK agent configs, `root_agent.yaml` and others: see MAPPING.md. */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const { name } = splitPath(path)
  if (/^root_agent\.ya?ml$/i.test(name)) return 'yes'
  return /\.ya?ml$/i.test(name) ? 'maybe' : 'no'
}

function sniff(head: string): boolean {
  if (/^agent_class[ \t]*:/m.test(head) || ADK_SCHEMA.test(head)) return true
  return (
    /^name[ \t]*:/m.test(head) &&
    /^instruction[ \t]*:/m.test(head) &&
    !/^(apiVersion|kind|agents)[ \t]*:/m.test(head)
  )
}

const format: FormatModule = {
  id: 'google-adk',
  title: 'Google ADK Agent Config',
  nameEndings: ['.yaml', '.yml'],
  matchPath,
  sniff,
  parse: mapGoogleAdk,
}
export default format
