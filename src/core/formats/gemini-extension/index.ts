import { splitPath, type FormatModule } from '../../manifest/kit.js'
import { mapGeminiExtension } from './map.js'

/** Gemini CLI extensions, `gemini-extension.json`: see MAPPING.md. */
const format: FormatModule = {
  id: 'gemini-extension',
  title: 'Gemini CLI extension',
  nameEndings: ['.json'],
  // The name is the format's own: no other file needs sniffing.
  matchPath: (path) =>
    splitPath(path).name === 'gemini-extension.json' ? 'yes' : 'no',
  parse: mapGeminiExtension,
}
export default format
