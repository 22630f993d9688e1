import {
  hasFrontMatter,
  pathSegments,
  type FormatModule,
} from '../../manifest/kit.js'
import { mapAgentsMd } from './map.js'

/** `AGENTS.md` (and `AGENT.md`): see MAPPING.md. */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  const parent = (segments[segments.length - 2] ?? '').toLowerCase()
  if (/^AGENTS\.md$/i.test(name)) return 'yes'
  // `agents/AGENT.md` is an agent definition, not standing instructions.
  if (name === 'AGENT.md' && parent !== 'agents' && parent !== 'agent')
    return 'yes'
  return /[_.-]AGENTS\.md$/.test(name) ? 'maybe' : 'no'
}

const format: FormatModule = {
  id: 'agents-md',
  title: 'AGENTS.md',
  nameEndings: ['.md'],
  matchPath,
  // Documentation pages and agent definitions carry front matter;
  // AGENTS.md does not.
  sniff: (head) => !hasFrontMatter(head),
  parse: mapAgentsMd,
}
export default format
