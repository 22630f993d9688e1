import type { FormatModule } from '../../manifest/kit.js'
import { mapAutogen } from './map.js'
import { FORMAT_ID } from './schema.js'

/** AutoGen AgentChat / AutoGen Studio component JSON: see MAPPING.md. */
const format: FormatModule = {
  id: FORMAT_ID,
  title: 'AutoGen component',
  nameEndings: ['.json', '.yaml', '.yml'],
  matchPath: (path) => (/\.(json|ya?ml)$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    /autogen_agentchat\.(teams|agents)\./.test(head) ||
    /"team_type"\s*:\s*"\w+(GroupChat|Swarm)"/.test(head) ||
    (/"participants"\s*:\s*\[/.test(head) &&
      /"agent_type"\s*:\s*"\w*Agent"/.test(head)),
  parse: mapAutogen,
}
export default format
