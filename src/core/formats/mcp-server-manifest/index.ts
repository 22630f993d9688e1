import type { FormatModule } from '../../manifest/kit.js'
import { mapServerJson } from './map.js'
import { REGISTRY_SCHEMA } from './schema.js'

/** The MCP registry's `server.json`: see MAPPING.md. */
const format: FormatModule = {
  id: 'mcp-server-manifest',
  title: 'MCP registry server.json',
  // `server.json` is the registry's name, but json-server databases and game
  // servers use it too: parse rejects those with a reason. The registry's
  // examples and copies go by other names, so any JSON may be one.
  nameEndings: ['.json'],
  matchPath: (path) =>
    /(^|\/)server\.json$/i.test(path)
      ? 'yes'
      : /\.json$/i.test(path)
        ? 'maybe'
        : 'no',
  sniff: (head) =>
    REGISTRY_SCHEMA.test(head) ||
    /"(registryType|registry_type)"\s*:/.test(head) ||
    (/"remotes"\s*:\s*\[/.test(head) &&
      /"(type|transport_type)"\s*:\s*"(streamable-http|sse|http)"/.test(head)),
  parse: mapServerJson,
}
export default format
