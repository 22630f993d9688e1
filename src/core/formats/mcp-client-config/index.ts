import { splitPath, type FormatModule } from '../../manifest/kit.js'
import { mapClientConfig } from './map.js'
import { hostOf } from './map-host.js'
import { FORMAT_ID } from './schema.js'

/** Names other formats of the MCP family own, and files never MCP configs. */
const OTHER_FORMATS =
  /(^|\/)(gemini-extension\.json|\.claude-plugin\/[^/]+|package(-lock)?\.json|tsconfig[^/]*\.json|jsconfig\.json|composer\.json)$/i

/** MCP client configurations (`.mcp.json`, `mcp.json`...): see MAPPING.md. */
const format: FormatModule = {
  id: FORMAT_ID,
  title: 'MCP client configuration',
  // Dedicated formats that embed an `mcpServers` block (agent files of
  // coding assistants) go first when both claim a generic name.
  priority: -1,
  nameEndings: ['.json', '.jsonc'],
  matchPath: (path) => {
    if (hostOf(path).canonical) return 'yes'
    const { name } = splitPath(path)
    if (!/\.jsonc?$/i.test(name) || OTHER_FORMATS.test(path)) return 'no'
    return 'maybe'
  },
  sniff: (head) =>
    /"mcpServers"\s*:\s*\{/.test(head) ||
    /"mcp"\s*:\s*\{\s*"servers"\s*:\s*\{/.test(head) ||
    (/"servers"\s*:\s*\{/.test(head) && /"(command|url)"\s*:/.test(head)),
  parse: mapClientConfig,
}
export default format
