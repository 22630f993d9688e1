import type { FormatModule } from '../../manifest/kit.js'
import { mapAgentFramework } from './map.js'

const KIND_LINE =
  /^kind:[ \t]*["']?(Prompt|Agent|GptComponentMetadata)["']?[ \t]*(?:#.*)?$/m

/** Microsoft Agent Framework declarative agents: see MAPPING.md. */
const format: FormatModule = {
  id: 'ms-agent-framework',
  title: 'Microsoft Agent Framework declarative agent',
  // Declarative YAML agents share `kind:` lines: tried after Open Agent
  // Spec and gitagent, which claim theirs by more, before generic formats.
  priority: 20,
  nameEndings: ['.yaml', '.yml'],
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    KIND_LINE.test(head) &&
    /^(instructions|model|displayName):/m.test(head) &&
    !/^(apiVersion|spec):/m.test(head),
  parse: mapAgentFramework,
}
export default format
