import { splitPath, type FormatModule } from '../../manifest/kit.js'
import { mapRooModes } from './map.js'

/** Roo Code custom modes, `.roomodes` and `custom_modes.*`: see MAPPING.md. */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const name = splitPath(path).name
  if (name === '.roomodes') return 'yes'
  if (/^custom_modes\.(ya?ml|json)$/i.test(name)) return 'yes'
  return /(^|[_.-])roomodes(\.(ya?ml|json))?$/i.test(name) ? 'maybe' : 'no'
}

const format: FormatModule = {
  id: 'roo-modes',
  title: 'Roo Code custom modes',
  nameEndings: ['roomodes', '.yaml', '.yml', '.json'],
  matchPath,
  sniff: (head) => /(^|\n|")customModes"?\s*:/.test(head),
  parse: mapRooModes,
}
export default format
