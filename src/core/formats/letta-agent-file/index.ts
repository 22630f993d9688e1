import type { FormatModule } from '../../manifest/kit.js'
import { ID, mapLetta } from './map.js'

/** Letta Agent Files (`*.af`), and JSON of any name that sniffs as one: see MAPPING.md. */
const format: FormatModule = {
  id: ID,
  title: 'Letta agent file',
  nameEndings: ['.af', '.json'],
  matchPath: (path) =>
    /\.af(\.json)?$/i.test(path)
      ? 'yes'
      : /\.json$/i.test(path)
        ? 'maybe'
        : 'no',
  // The markers may be escaped once (`\"agents\"`) when the file is a JSON
  // string of JSON. An agent's name and id lists come before its system
  // prompt, which can be long; llm_config comes after it.
  sniff: (head) =>
    (/\\*"agents\\*"\s*:\s*\[/.test(head) &&
      /\\*"(memory_blocks|tool_ids|block_ids|tool_rules|agent_type|llm_config)\\*"\s*:/.test(
        head,
      )) ||
    (/\\*"llm_config\\*"\s*:/.test(head) &&
      /\\*"(core_memory|agent_type|tool_rules)\\*"\s*:/.test(head)),
  parse: mapLetta,
}
export default format
