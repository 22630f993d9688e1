import type { FormatModule } from '../../manifest/kit.js'
import { mapDifyDsl } from './map.js'

/** Dify DSL, the YAML a Dify app exports: see MAPPING.md. */
const format: FormatModule = {
  id: 'dify-dsl',
  title: 'Dify DSL',
  nameEndings: ['.yaml', '.yml'],
  // Exports go by the app's name: the content decides.
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    /^kind:\s*['"]?app['"]?\s*$/m.test(head) && /^app:\s*$/m.test(head),
  parse: mapDifyDsl,
}
export default format
