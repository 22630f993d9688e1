import type { FormatModule } from '../../manifest/kit.js'
import { mapCodex } from './map.js'
import { matchPath } from './paths.js'
import { FORMAT_ID } from './schema.js'

/**
 * OpenAI Codex: `.codex/config.toml` and the custom agents
 * `.codex/agents/*.toml`: see MAPPING.md.
 */
const format: FormatModule = {
  id: FORMAT_ID,
  title: 'OpenAI Codex configuration',
  nameEndings: ['.toml'],
  matchPath,
  parse: mapCodex,
}
export default format
