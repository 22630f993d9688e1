import type { FormatModule } from '../../manifest/kit.js'
import { mapClaudeCodePlugin } from './map.js'

/** A plugin's manifest, or a marketplace (claimed to be rejected). */
const MANIFEST = /(^|\/)\.claude-plugin\/(plugin|marketplace)\.json$/

/** Claude Code plugins, `.claude-plugin/plugin.json`: see MAPPING.md. */
const format: FormatModule = {
  id: 'claude-code-plugin',
  title: 'Claude Code plugin',
  nameEndings: ['.json'],
  matchPath: (path) => (MANIFEST.test(path) ? 'yes' : 'no'),
  parse: mapClaudeCodePlugin,
}
export default format
