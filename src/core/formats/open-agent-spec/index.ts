import type { FormatModule } from '../../manifest/kit.js'
import { mapOpenAgentSpec } from './map.js'
import { FORMAT_ID } from './schema.js'

/** A top-level component that runs an agent. */
const ROOT_TYPES =
  /["']?component_type["']?\s*:\s*["']?(?:Agent|Flow|Swarm|ManagerWorkers|A2AAgent|RemoteAgent|OciAgent|OpenAiAgent|SpecializedAgent)\b/

/** Oracle Open Agent Spec (pyagentspec, WayFlow): see MAPPING.md. */
const format: FormatModule = {
  id: FORMAT_ID,
  title: 'Oracle Open Agent Spec',
  priority: 30,
  nameEndings: ['.yaml', '.yml', '.json', '.jsonc', '.json5'],
  // Components go by any name: the content decides.
  matchPath: (path) =>
    /\.(ya?ml|json|jsonc|json5)$/i.test(path) ? 'maybe' : 'no',
  sniff: (head) =>
    ROOT_TYPES.test(head) ||
    (/\bcomponent_type\b/.test(head) && /\bagentspec_version\b/.test(head)),
  parse: mapOpenAgentSpec,
}
export default format
