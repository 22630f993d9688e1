import { pathSegments, type FormatModule } from '../../manifest/kit.js'
import { mapAmazonQAgent } from './map.js'

/** Where the CLIs look for agents: the path alone decides. */
function matchPath(path: string): 'yes' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  if (!/\.json$/i.test(name)) return 'no'
  const parent = segments[segments.length - 2]
  const grand = segments[segments.length - 3]
  if (parent === 'cli-agents' && grand === 'amazonq') return 'yes'
  if (parent === 'cli-agents' && grand === '.amazonq') return 'yes'
  return parent === 'agents' && grand === '.kiro' ? 'yes' : 'no'
}

/** Amazon Q Developer CLI and Kiro CLI agents: see MAPPING.md. */
const format: FormatModule = {
  id: 'amazon-q-agent',
  title: 'Amazon Q / Kiro CLI agent',
  nameEndings: ['.json'],
  matchPath,
  parse: mapAmazonQAgent,
}
export default format
