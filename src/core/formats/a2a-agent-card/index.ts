import { pathSegments, type FormatModule } from '../../manifest/kit.js'
import { mapAgentCard } from './map.js'

/** Names that are cards by convention, wherever they sit. */
function canonical(path: string): boolean {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  const parent = segments[segments.length - 2]
  if (/^agent-card([._-][\w.-]*)?\.json$/i.test(name)) return true
  if (parent === '.well-known' && /^agent\.json$/i.test(name)) return true
  return (
    /^agent\.json$/i.test(name) &&
    segments[segments.length - 3] === 'remote_a2a'
  )
}

const HAS_NAME = /"name"\s*:\s*"/
const HAS_SKILLS = /"skills"\s*:\s*\[/
const HAS_CAPABILITIES = /"capabilities"\s*:\s*[{[]/
const HAS_INTERFACE =
  /"(url|supportedInterfaces|additionalInterfaces|defaultInputModes|defaultOutputModes|protocolVersion|securitySchemes)"\s*:/

/** The card's own keys, as JSON text: a name, skills or capabilities, and an interface. */
function sniff(head: string): boolean {
  return (
    HAS_NAME.test(head) &&
    (HAS_SKILLS.test(head) || HAS_CAPABILITIES.test(head)) &&
    HAS_INTERFACE.test(head)
  )
}

/** A2A Agent Cards, `.well-known/agent-card.json` and others: see MAPPING.md. */
const format: FormatModule = {
  id: 'a2a-agent-card',
  title: 'A2A Agent Card',
  nameEndings: ['.json'],
  matchPath: (path) =>
    canonical(path) ? 'yes' : /\.json$/i.test(path) ? 'maybe' : 'no',
  sniff,
  parse: mapAgentCard,
}
export default format
