import {
  frontMatterKeys,
  pathSegments,
  type FormatModule,
} from '../../manifest/kit.js'
import { mapCopilotAgent } from './map.js'

/**
 * `.github/agents/` and `.github/chatmodes/` are Copilot's own; other
 * `*.agent.md` and `*.chatmode.md` files are claimed by their content.
 */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  const dirs = segments.slice(0, -1)
  const github = dirs.indexOf('.github')
  if (github >= 0) {
    const area = dirs[github + 1]
    if (area === 'agents' && /\.md$/i.test(name) && !/^readme\.md$/i.test(name))
      return 'yes'
    if (area === 'chatmodes' && /\.chatmode\.md$/i.test(name)) return 'yes'
  }
  if (/\.agent\.md$/i.test(name))
    return dirs[dirs.length - 1] === 'agents' ? 'yes' : 'maybe'
  return /\.chatmode\.md$/i.test(name) ? 'maybe' : 'no'
}

/** GitHub Copilot custom agents and VS Code chat modes: see MAPPING.md. */
const format: FormatModule = {
  id: 'copilot-agent',
  title: 'GitHub Copilot custom agent',
  nameEndings: ['.md'],
  matchPath,
  // Copilot requires a description: a front matter without one is not its.
  sniff: (head) => frontMatterKeys(head)?.has('description') === true,
  parse: mapCopilotAgent,
}
export default format
