import { pathSegments, type FormatModule } from '../../manifest/kit.js'
import { HOOK_EVENTS, isClaudeSettingsPath, mapClaudeSettings } from './map.js'

/** Claude Code project settings, `.claude/settings*.json`: see MAPPING.md. */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  if (isClaudeSettingsPath(path)) return 'yes'
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  return /settings(\.local)?\.json$/i.test(name) ? 'maybe' : 'no'
}

/** Permission rules or hooks, as Claude Code writes them. */
function sniff(head: string): boolean {
  const permissions =
    /"permissions"\s*:\s*\{/.test(head) &&
    /"(allow|deny|ask|defaultMode|additionalDirectories)"\s*:/.test(head)
  const hooks = /"hooks"\s*:\s*\{/.test(head) && HOOK_EVENTS.test(head)
  return permissions || hooks
}

const format: FormatModule = {
  id: 'claude-code-settings',
  title: 'Claude Code settings',
  nameEndings: ['.json'],
  matchPath,
  sniff,
  parse: mapClaudeSettings,
}
export default format
