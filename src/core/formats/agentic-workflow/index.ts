import {
  frontMatterKeys,
  pathSegments,
  type FormatModule,
} from '../../manifest/kit.js'
import { mapAgenticWorkflow } from './map.js'
import { FORMAT_ID } from './schema.js'

/**
 * GitHub Agentic Workflows (gh-aw): Markdown under `.github/workflows/`
 * with front matter that says when it runs (`on`) and with what: see
 * MAPPING.md. Elsewhere (a collection's `workflows/`) the front matter
 * decides.
 */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  if (!/\.md$/i.test(name) || /^readme\.md$/i.test(name)) return 'no'
  const dirs = segments.slice(0, -1)
  const at = dirs.lastIndexOf('workflows')
  if (at > 0 && dirs[at - 1] === '.github' && at === dirs.length - 1)
    return 'yes'
  return 'maybe'
}

/** An `on` key with one of the keys only gh-aw gives a workflow's front matter. */
const GH_AW_KEYS = [
  'engine',
  'safe-outputs',
  'tools',
  'permissions',
  'network',
  'mcp-servers',
]

const format: FormatModule = {
  id: FORMAT_ID,
  title: 'GitHub Agentic Workflow',
  nameEndings: ['.md'],
  matchPath,
  sniff: (head) => {
    const keys = frontMatterKeys(head)
    return keys?.has('on') === true && GH_AW_KEYS.some((key) => keys.has(key))
  },
  parse: mapAgenticWorkflow,
}
export default format
