import {
  addNote,
  addTool,
  cite,
  classifyTool,
  newProfile,
  readWith,
  rejected,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Reading,
  type ToolKind,
} from '../../manifest/kit.js'
import {
  EXTENDED_CARD,
  fileModes,
  readExtras,
  readInputModes,
  readInterfaces,
  readSecurity,
} from './map-exposure.js'
import {
  AgentCard,
  type CapabilityFields,
  type Operation,
  type Skill,
} from './schema.js'

const FORMAT_ID = 'a2a-agent-card'

type Shape =
  | { readonly kind: 'card' }
  | { readonly kind: 'a2a-like'; readonly why: readonly string[] }
  | { readonly kind: 'none'; readonly reason: string }

export function mapAgentCard(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', AgentCard)
  if (!read.ok) return read.result
  const card = read.data
  if (!card) return rejected('not an A2A agent card: not a JSON object')
  const decoy = decoyReason(card)
  if (decoy) return rejected(decoy)
  const shape = cardShape(card)
  if (shape.kind === 'none') return rejected(shape.reason)
  const profile = newProfile({
    name: card.name ?? 'a2a-agent',
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', read.lineOf(['name']))
  profile.description = card.description
  if (shape.kind === 'a2a-like') {
    addNote(
      profile,
      `read as an A2A-like card, not a conformant one: ${shape.why.join('; ')}`,
    )
  }
  readSkills(profile, card.skills ?? [], read)
  const { operations, fields } = card.capabilities
  if (operations) readCapabilityList(profile, operations, read)
  else readCapabilities(profile, fields, read)
  readInterfaces(profile, card, read)
  readSecurity(profile, card, read, shape.kind === 'card')
  readInputModes(profile, card, read)
  readExtras(profile, card, read)
  addNote(
    profile,
    'an A2A card describes the public interface only; it does not declare the model, memory or internal tools',
  )
  return { agents: [profile], problems: read.problems, document: read.doc }
}

/** JSON that carries card words but is something else. */
function decoyReason(card: AgentCard): string | undefined {
  if (/json-schema\.org/i.test(card.$schema ?? '') || card.properties) {
    return 'a JSON Schema, not an A2A agent card'
  }
  if (card.openapi || card.swagger) {
    return 'an OpenAPI document, not an A2A agent card'
  }
  return undefined
}

/** Whether the object is a conformant card, one that only looks like one, or neither. */
function cardShape(card: AgentCard): Shape {
  const { name, skills } = card
  const { operations, fields } = card.capabilities
  const hasUrl =
    card.url !== undefined || (card.supportedInterfaces?.length ?? 0) > 0
  const hasModes = card.defaultInputModes !== undefined
  if (name && skills && fields && hasUrl && hasModes) return { kind: 'card' }
  const hasBody = skills !== undefined || operations !== undefined
  if (!(hasBody || fields) || !card.interfaceStated || !name) {
    return {
      kind: 'none',
      reason:
        'not an A2A agent card: it lacks a name, skills or capabilities, and any interface field (url, supportedInterfaces, defaultInputModes...)',
    }
  }
  const why: string[] = []
  if (operations)
    why.push('capabilities is a list, not the A2A capabilities object')
  else if (!fields) why.push('capabilities is missing')
  if (!skills) why.push('skills is missing')
  if (!hasUrl) why.push('no url or supportedInterfaces')
  if (!hasModes) why.push('defaultInputModes is missing')
  return { kind: 'a2a-like', why }
}

// ---------------------------------------------------------------- skills

function readSkills(
  profile: AgentProfile,
  skills: readonly Skill[],
  read: Reading<unknown>,
): void {
  for (const skill of skills) {
    const { id, description, index } = skill
    const name = skill.name ?? id ?? `skill ${index + 1}`
    profile.skills.push({ name, description })
    const line = read.lineOf(['skills', index])
    cite(profile, 'skills', read.lineOf(['skills']))
    const kind = skillKind(id, name, skill.tags)
    if (kind) {
      addTool(profile, {
        name: id ?? name,
        kind,
        description,
        line,
        source: 'a2a',
      })
      cite(profile, 'tools', line)
    }
    if (fileModes(skill.inputModes).length > 0) {
      profile.exposure.untrustedInput = true
    }
  }
}

/** The non-conformant shape: a list of operations where capabilities should be. */
function readCapabilityList(
  profile: AgentProfile,
  operations: readonly Operation[],
  read: Reading<unknown>,
): void {
  for (const { name, description, index } of operations) {
    if (!name) continue
    profile.skills.push({ name, description })
    const kind = skillKind(undefined, name, [])
    if (kind) {
      addTool(profile, {
        name,
        kind,
        description,
        line: read.lineOf(['capabilities', index]),
        source: 'a2a',
      })
    }
  }
  cite(profile, 'skills', read.lineOf(['capabilities']))
}

function words(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .toLowerCase()
    .trim()
}

const RUN_VERB = /\b(run|runs|execute|executes|exec|eval|evaluate|interpret)\b/
const CODE_OBJECT =
  /\b(code|python|script|scripts|notebook|notebooks|tests?|snippets?|programs?)\b/
const CODE_TOOL =
  /\b(code interpreter|python repl|repl|jupyter|code execution|code exec)\b/
const SHELL_OBJECT =
  /\b(command|commands|shell|bash|terminal|cli|powershell|subprocess)\b/

/**
 * What a skill does, from its id, name and tags (never its prose). Only
 * concrete capabilities become tools; a skill whose words say nothing
 * specific stays a skill.
 */
function skillKind(
  id: string | undefined,
  name: string,
  tags: readonly string[],
): ToolKind | undefined {
  const text = [id ?? '', name, ...tags].map(words).join(' | ')
  if (CODE_TOOL.test(text)) return 'code-exec'
  if (RUN_VERB.test(text) && SHELL_OBJECT.test(text)) return 'shell'
  if (/\b(shell|bash|terminal)\b/.test(text)) return 'shell'
  if (RUN_VERB.test(text) && CODE_OBJECT.test(text)) return 'code-exec'
  const kind = classifyTool(id ?? name)
  const byName = kind === 'other' && id ? classifyTool(name) : kind
  return byName === 'other' || byName === 'agent-call' ? undefined : byName
}

// ---------------------------------------------------------------- capabilities

function readCapabilities(
  profile: AgentProfile,
  capabilities: CapabilityFields | undefined,
  read: Reading<unknown>,
): void {
  if (!capabilities) return
  if (capabilities.pushNotifications === true) {
    addNote(
      profile,
      'pushNotifications: long-running tasks continue unattended after the caller disconnects, and results are pushed to a webhook the caller supplies',
    )
  }
  if (capabilities.stateTransitionHistory === true) {
    profile.controls.logging = true
    cite(
      profile,
      'controls.logging',
      read.lineOf(['capabilities', 'stateTransitionHistory']),
    )
  }
  if (capabilities.extendedAgentCard === true) {
    addNote(profile, EXTENDED_CARD)
  }
  const optional: string[] = []
  for (const { uri, required } of capabilities.extensions ?? []) {
    if (!uri) continue
    if (required === true) {
      addNote(
        profile,
        `requires the A2A extension ${uri}: callers must follow behaviour the card does not describe`,
      )
    } else {
      optional.push(uri)
    }
  }
  if (optional.length > 0) {
    addNote(profile, `declares optional A2A extensions: ${optional.join(', ')}`)
  }
}
