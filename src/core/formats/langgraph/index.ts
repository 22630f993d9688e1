import { splitPath, type FormatModule } from '../../manifest/kit.js'
import { mapLangGraph } from './map.js'

/** LangGraph deployment configuration, `langgraph.json`: see MAPPING.md. */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const { name } = splitPath(path)
  if (/^langgraph(\.[\w-]+)?\.json$/i.test(name)) return 'yes'
  return /\.json$/i.test(name) ? 'maybe' : 'no'
}

/** A graphs map whose values point into code: `"./src/graph.py:graph"`. */
const GRAPHS =
  /"graphs"\s*:\s*\{\s*"[^"]+"\s*:\s*(\{[^}]*"path"\s*:\s*)?"[^"]*\.(py|[cm]?[jt]sx?):[A-Za-z_$]/

const format: FormatModule = {
  id: 'langgraph',
  title: 'LangGraph (langgraph.json)',
  nameEndings: ['.json'],
  matchPath,
  sniff: (head) =>
    GRAPHS.test(head) ||
    /"\$schema"\s*:\s*"https?:\/\/langgra\.ph\//.test(head),
  parse: mapLangGraph,
}
export default format
