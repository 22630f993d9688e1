import type { FormatModule } from '../../manifest/kit.js'
import { mapClaudeCodePlugin, PLUGIN_DIRS } from './map.js'

/**
 * A plugin's manifest, or a marketplace (claimed to be rejected), in the
 * folder each host reads it from: Claude Code's `.claude-plugin/`, Codex's
 * `.codex-plugin/`, Cursor's `.cursor-plugin/`, and Copilot CLI's
 * `.github/plugin/` and `.plugin/`. They share one shape.
 */
const MANIFEST = new RegExp(
  `(^|/)(${PLUGIN_DIRS.source})/(plugin|marketplace)\\.json$`,
)

/** Agent plugins (Claude Code, Codex, Cursor, Copilot CLI), `plugin.json`: see MAPPING.md. */
const format: FormatModule = {
  id: 'claude-code-plugin',
  title: 'Agent plugin (Claude Code, Codex, Cursor, Copilot CLI)',
  nameEndings: ['.json'],
  matchPath: (path) => (MANIFEST.test(path) ? 'yes' : 'no'),
  parse: mapClaudeCodePlugin,
}
export default format
