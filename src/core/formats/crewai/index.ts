import { splitPath, type FormatModule } from '../../manifest/kit.js'
import { mapCrewAI } from './map.js'
import { FORMAT_ID } from './schema.js'

/** CrewAI crews, classic YAML or JSON-first: see MAPPING.md. */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const { dir, name } = splitPath(path)
  const lower = name.toLowerCase()
  if (/^(agents|tasks)\.ya?ml$/.test(lower) && /(^|\/)config\/$/.test(dir))
    return 'yes'
  if (lower === 'crew.jsonc') return 'yes'
  return /\.(ya?ml|jsonc?)$/.test(lower) ? 'maybe' : 'no'
}

const YAML_AGENT = [/^[ \t]+role[ \t]*:/m, /^[ \t]+goal[ \t]*:/m]
const YAML_BACKSTORY = /^[ \t]+backstory[ \t]*:/m
const YAML_TASK = [
  /^[ \t]+description[ \t]*:/m,
  /^[ \t]+expected_output[ \t]*:/m,
]
const JSON_AGENT = [/"role"\s*:/, /"goal"\s*:/, /"backstory"\s*:/]
const JSON_CREW = [
  /"agents"\s*:\s*\[/,
  /"tasks"\s*:\s*\[/,
  /"expected_output"\s*:/,
]

function sniff(head: string, path: string): boolean {
  if (/\.jsonc?$/i.test(path)) {
    return (
      JSON_AGENT.every((re) => re.test(head)) ||
      JSON_CREW.every((re) => re.test(head))
    )
  }
  return (
    (YAML_AGENT.every((re) => re.test(head)) && YAML_BACKSTORY.test(head)) ||
    YAML_TASK.every((re) => re.test(head))
  )
}

const format: FormatModule = {
  id: FORMAT_ID,
  title: 'CrewAI',
  nameEndings: ['.yaml', '.yml', '.json', '.jsonc'],
  matchPath,
  sniff,
  parse: mapCrewAI,
}
export default format
