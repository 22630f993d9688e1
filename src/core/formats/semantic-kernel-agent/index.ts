import type { FormatModule } from '../../manifest/kit.js'
import { mapSemanticKernel } from './map.js'

/** A top-level `type` shaped like an agent type (`chat_completion_agent`). */
const TYPE_LINE =
  /^type:[ \t]*["']?([a-z][a-z0-9_]*_(?:agent|assistant|responses))["']?[ \t]*(?:#.*)?$/m

/** Semantic Kernel declarative agents, YAML of any name: see MAPPING.md. */
const format: FormatModule = {
  id: 'semantic-kernel-agent',
  title: 'Semantic Kernel declarative agent',
  priority: 20,
  nameEndings: ['.yaml', '.yml'],
  // Agent specs have no name of their own: the content decides.
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  // A top-level `kind` is a Microsoft Agent Framework (or other typed) file.
  sniff: (head) =>
    TYPE_LINE.test(head) && /^name:/m.test(head) && !/^kind:/m.test(head),
  parse: mapSemanticKernel,
}
export default format
