/**
 * A2A Agent Cards: `.well-known/agent.json` (up to v0.2),
 * `.well-known/agent-card.json` (v0.3 and later), `agent-card*.json`
 * anywhere, ADK `remote_a2a/<agent>/agent.json`, and any JSON object with the
 * card's shape.
 *
 * Mapping: a card is the agent's public interface, published for other
 * agents to call. name, description → profile; `url`, `supportedInterfaces`
 * and `additionalInterfaces` → exposure (endpoint, reach from the host,
 * channels `a2a` plus transports), trigger `api`; skills → skills, and the
 * skills whose id or name says what they do (execute code, run commands,
 * read files, search…) also → tools of that kind (source `a2a`);
 * `securitySchemes` (v0.3 `{type}` or v1.0 `{<kind>SecurityScheme}`) or the
 * legacy `authentication.schemes` → identity.authSchemes and
 * controls.authentication; `capabilities.stateTransitionHistory: true` →
 * controls.logging; `pushNotifications`, extensions, signatures, extended
 * cards and file input modes → notes (and untrustedInput for files).
 *
 * Defaults: a conformant card without any security scheme tells callers that
 * none is needed, so authentication is false (with a note when the endpoint
 * is reachable). The card never declares the model, memory or internal
 * tools: those stay "not stated". A JSON object that only resembles a card
 * (the capabilities field is a list, fields are missing) is read as
 * "A2A-like" with a note; a JSON named agent.json that has nothing of a card
 * is rejected.
 */
import { reachOf, schemeName, type Reach } from '../manifest/endpoints.js'
import { parseMapping, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asBoolean,
  asRecord,
  asString,
  asStrings,
  entriesOf,
  isPlaceholder,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import type { ParsedDocument } from '../parse/document.js'
import { addNote, addTool, cite, newProfile } from '../profile/build.js'
import type { AgentProfile, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'
import { pathSegments } from '../manifest/paths.js'

const ID = 'a2a-agent-card'

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

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  if (canonical(path)) return 'yes'
  return /\.json$/i.test(path) ? 'maybe' : 'no'
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

const format: FormatModule = {
  id: ID,
  title: 'A2A Agent Card',
  nameEndings: ['.json'],
  matchPath,
  sniff,
  parse: parseCard,
}
export default format

type Shape =
  | { readonly kind: 'card' }
  | { readonly kind: 'a2a-like'; readonly why: readonly string[] }
  | { readonly kind: 'none'; readonly reason: string }

const INTERFACE_KEYS = [
  'url',
  'supportedInterfaces',
  'additionalInterfaces',
  'defaultInputModes',
  'defaultOutputModes',
  'protocolVersion',
  'securitySchemes',
  'provider',
] as const

/** Whether the object is a conformant card, one that only looks like one, or neither. */
function cardShape(card: DataRecord): Shape {
  const name = asString(card.name)
  const skills = asArray(card.skills)
  const capabilities = card.capabilities
  const hasUrl =
    typeof card.url === 'string' ||
    (asArray(card.supportedInterfaces)?.length ?? 0) > 0
  if (
    name &&
    skills &&
    isRecord(capabilities) &&
    hasUrl &&
    asArray(card.defaultInputModes)
  ) {
    return { kind: 'card' }
  }
  const interfaceKeys = INTERFACE_KEYS.filter((key) => card[key] !== undefined)
  const hasBody = skills !== undefined || Array.isArray(capabilities)
  if (
    !(hasBody || isRecord(capabilities)) ||
    interfaceKeys.length === 0 ||
    !name
  ) {
    return {
      kind: 'none',
      reason:
        'not an A2A agent card: it lacks a name, skills or capabilities, and any interface field (url, supportedInterfaces, defaultInputModes...)',
    }
  }
  const why: string[] = []
  if (Array.isArray(capabilities))
    why.push('capabilities is a list, not the A2A capabilities object')
  else if (!isRecord(capabilities)) why.push('capabilities is missing')
  if (!skills) why.push('skills is missing')
  if (!hasUrl) why.push('no url or supportedInterfaces')
  if (!asArray(card.defaultInputModes)) why.push('defaultInputModes is missing')
  return { kind: 'a2a-like', why }
}

/** JSON that carries card words but is something else. */
function decoyReason(root: DataRecord): string | undefined {
  const schema = asString(root.$schema) ?? ''
  if (/json-schema\.org/i.test(schema) || isRecord(root.properties)) {
    return 'a JSON Schema, not an A2A agent card'
  }
  if (root.openapi !== undefined || root.swagger !== undefined) {
    return 'an OpenAPI document, not an A2A agent card'
  }
  return undefined
}

function parseCard(file: ManifestFile): FormatResult {
  const parsed = parseMapping(
    file,
    'json',
    'not an A2A agent card: not a JSON object',
  )
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  const decoy = decoyReason(root)
  if (decoy) return rejected(decoy)
  const shape = cardShape(root)
  if (shape.kind === 'none') return rejected(shape.reason)
  const profile = newProfile({
    name: asString(root.name) ?? 'a2a-agent',
    format: ID,
    file: file.path,
    line: doc.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', doc.lineOf(['name']))
  profile.description = asString(root.description)
  if (shape.kind === 'a2a-like') {
    addNote(
      profile,
      `read as an A2A-like card, not a conformant one: ${shape.why.join('; ')}`,
    )
  }
  readSkills(profile, root, doc)
  if (Array.isArray(root.capabilities)) {
    readCapabilityList(profile, root.capabilities, doc)
  } else {
    readCapabilities(profile, asRecord(root.capabilities) ?? {}, doc)
  }
  readInterfaces(profile, root, doc)
  readSecurity(profile, root, doc, shape.kind === 'card')
  readInputModes(profile, root, doc)
  readExtras(profile, root, doc)
  addNote(
    profile,
    'an A2A card describes the public interface only; it does not declare the model, memory or internal tools',
  )
  return { agents: [profile], problems: [], document: doc }
}

// ---------------------------------------------------------------- skills

function readSkills(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  asArray(root.skills)?.forEach((entry, index) => {
    const skill = asRecord(entry)
    if (!skill) return
    const id = asString(skill.id)
    const name = asString(skill.name) ?? id ?? `skill ${index + 1}`
    const description = asString(skill.description)
    profile.skills.push({ name, description })
    const line = doc.lineOf(['skills', index])
    cite(profile, 'skills', doc.lineOf(['skills']))
    const kind = skillKind(id, name, asStrings(skill.tags))
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
    if (fileModes(asStrings(skill.inputModes)).length > 0) {
      profile.exposure.untrustedInput = true
    }
  })
}

/** The non-conformant shape: a list of operations where capabilities should be. */
function readCapabilityList(
  profile: AgentProfile,
  list: unknown[],
  doc: ParsedDocument,
): void {
  list.forEach((entry, index) => {
    const operation = asRecord(entry)
    const name = asString(operation?.name)
    if (!operation || !name) return
    const description = asString(operation.description)
    profile.skills.push({ name, description })
    const kind = skillKind(undefined, name, [])
    if (kind) {
      addTool(profile, {
        name,
        kind,
        description,
        line: doc.lineOf(['capabilities', index]),
        source: 'a2a',
      })
    }
  })
  cite(profile, 'skills', doc.lineOf(['capabilities']))
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
  capabilities: DataRecord,
  doc: ParsedDocument,
): void {
  if (asBoolean(capabilities.pushNotifications) === true) {
    addNote(
      profile,
      'pushNotifications: long-running tasks continue unattended after the caller disconnects, and results are pushed to a webhook the caller supplies',
    )
  }
  if (asBoolean(capabilities.stateTransitionHistory) === true) {
    profile.controls.logging = true
    cite(
      profile,
      'controls.logging',
      doc.lineOf(['capabilities', 'stateTransitionHistory']),
    )
  }
  if (asBoolean(capabilities.extendedAgentCard) === true) {
    addNote(
      profile,
      'authenticated callers get an extended card that may list more skills than this one',
    )
  }
  const optional: string[] = []
  for (const entry of asArray(capabilities.extensions) ?? []) {
    const extension = asRecord(entry)
    const uri = asString(extension?.uri)
    if (!uri) continue
    if (asBoolean(extension?.required) === true) {
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

// ---------------------------------------------------------------- interfaces

const REACH_ORDER: Readonly<Record<Reach, number>> = {
  local: 0,
  internal: 1,
  public: 2,
}

/** Code hosts: a card whose url is a repository page names no endpoint. */
const SOURCE_HOSTS =
  /^https?:\/\/(www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)\//i

interface Endpoint {
  readonly url: string
  readonly line: number | undefined
  readonly transport?: string | undefined
}

function endpointsOf(root: DataRecord, doc: ParsedDocument): Endpoint[] {
  const endpoints: Endpoint[] = []
  const url = asString(root.url)
  if (url) {
    endpoints.push({
      url,
      line: doc.lineOf(['url']),
      transport: asString(root.preferredTransport),
    })
  }
  for (const key of ['supportedInterfaces', 'additionalInterfaces']) {
    asArray(root[key])?.forEach((entry, index) => {
      const item = asRecord(entry)
      const itemUrl = asString(item?.url)
      if (!item || !itemUrl) return
      endpoints.push({
        url: itemUrl,
        line: doc.lineOf([key, index]),
        transport: asString(item.protocolBinding) ?? asString(item.transport),
      })
    })
  }
  return endpoints
}

function readInterfaces(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  const endpoints = endpointsOf(root, doc)
  profile.exposure.channels.push('a2a')
  profile.triggers.push('api')
  cite(profile, 'triggers', endpoints[0]?.line ?? doc.lineOf(['name']))
  for (const endpoint of endpoints) {
    const transport = endpoint.transport?.toLowerCase()
    if (transport && !profile.exposure.channels.includes(transport)) {
      profile.exposure.channels.push(transport)
    }
    if (isPlaceholder(endpoint.url)) {
      addNote(
        profile,
        `endpoint ${endpoint.url} is a placeholder resolved at deployment`,
      )
      continue
    }
    if (SOURCE_HOSTS.test(endpoint.url)) {
      addNote(
        profile,
        `url ${endpoint.url} points at a source repository, not an agent endpoint`,
      )
      continue
    }
    const reach = reachOf(endpoint.url)
    if (!reach) continue
    const current = profile.exposure.reach
    if (!current || REACH_ORDER[reach] > REACH_ORDER[current]) {
      profile.exposure.reach = reach
      profile.exposure.endpoint = endpoint.url
      cite(profile, 'exposure', endpoint.line)
    }
    if (reach === 'public' && /^http:/i.test(endpoint.url)) {
      addNote(
        profile,
        `public endpoint ${endpoint.url} is served over plain http`,
      )
    }
  }
  if (profile.exposure.reach === 'public')
    profile.exposure.untrustedInput = true
}

// ---------------------------------------------------------------- security

function readSecurity(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
  conformant: boolean,
): void {
  const schemes = entriesOf(root.securitySchemes)
  const legacy = asStrings(asRecord(root.authentication)?.schemes)
  if (schemes.length > 0) {
    const line = doc.lineOf(['securitySchemes'])
    for (const [name, entry] of schemes) {
      const kind = schemeName(name, entry)
      if (!profile.identity.authSchemes.includes(kind))
        profile.identity.authSchemes.push(kind)
    }
    const requirements = asArray(root.security ?? root.securityRequirements)
    if (requirements && requirements.length === 0) {
      profile.controls.authentication = false
      addNote(
        profile,
        'securitySchemes are declared but the security list is empty: no scheme is required',
      )
    } else {
      profile.controls.authentication = true
    }
    cite(profile, 'identity', line)
    cite(profile, 'controls.authentication', line)
    return
  }
  if (legacy.length > 0) {
    const line = doc.lineOf(['authentication'])
    profile.identity.authSchemes.push(...legacy)
    cite(profile, 'identity', line)
    if (legacy.every((s) => /^(none|public|anonymous)$/i.test(s))) {
      profile.controls.authentication = false
      cite(profile, 'controls.authentication', line)
    } else if (legacy.every((s) => /^x402$/i.test(s))) {
      addNote(
        profile,
        'authentication scheme x402: callers pay per request from a crypto wallet; payment, not identity, gates access',
      )
    } else {
      profile.controls.authentication = true
      cite(profile, 'controls.authentication', line)
    }
    return
  }
  if (!conformant) return
  profile.controls.authentication = false
  const reach = profile.exposure.reach
  if (reach === 'public' || reach === 'internal') {
    addNote(
      profile,
      `${reach} A2A endpoint ${profile.exposure.endpoint ?? ''} declares no securitySchemes: callers are not asked to authenticate`,
    )
  }
}

// ---------------------------------------------------------------- the rest

const TEXT_MODE = /^(text(\/[\w.+-]+)?|application\/(json|[\w.+-]+\+json))$/i

function fileModes(modes: readonly string[]): string[] {
  return modes.filter((mode) => !TEXT_MODE.test(mode.trim()))
}

function readInputModes(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  const files = fileModes(asStrings(root.defaultInputModes))
  if (files.length === 0) return
  profile.exposure.untrustedInput = true
  cite(profile, 'exposure', doc.lineOf(['defaultInputModes']))
  addNote(
    profile,
    `accepts file input (${files.slice(0, 4).join(', ')}): documents others wrote reach the model`,
  )
}

function readExtras(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  const provider = asRecord(root.provider)
  const organization = asString(provider?.organization)
  if (organization) {
    const url = asString(provider?.url)
    addNote(profile, `provider: ${organization}${url ? ` (${url})` : ''}`)
  }
  const signatures = asArray(root.signatures) ?? []
  if (signatures.length > 0) {
    addNote(
      profile,
      `the card is signed (${signatures.length} JWS signature${signatures.length > 1 ? 's' : ''})`,
    )
    cite(profile, 'identity', doc.lineOf(['signatures']))
  }
  if (
    asBoolean(root.supportsAuthenticatedExtendedCard) === true ||
    asBoolean(root.supportsExtendedAgentCard) === true
  ) {
    addNote(
      profile,
      'authenticated callers get an extended card that may list more skills than this one',
    )
  }
}
