import type { FormatModule } from '../../manifest/kit.js'
import { FORMAT, mapKagent } from './map.js'

/** kagent `Agent`, `SandboxAgent` and `AgentTemplate` resources, Kubernetes YAML of any name: see MAPPING.md. */
const format: FormatModule = {
  id: FORMAT,
  title: 'kagent Agent',
  nameEndings: ['.yaml', '.yml'],
  // Kubernetes manifests have no name of their own: the content decides.
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    /^apiVersion[ \t]*:[ \t]*["']?(api\.)?kagent\.dev\/v1alpha[123]\b/m.test(
      head,
    ) &&
    /^kind[ \t]*:[ \t]*["']?(Agent|SandboxAgent|AgentTemplate)["']?[ \t]*(#.*)?$/m.test(
      head,
    ),
  parse: mapKagent,
}
export default format
