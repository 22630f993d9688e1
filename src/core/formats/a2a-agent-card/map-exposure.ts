import {
  addNote,
  cite,
  isPlaceholder,
  reachOf,
  schemeName,
  type AgentProfile,
  type Reach,
  type Reading,
} from '../../manifest/kit.js'
import type { AgentCard } from './schema.js'

/** Where the card's agent is reached, who may call it, and what it takes in. */

export const EXTENDED_CARD =
  'authenticated callers get an extended card that may list more skills than this one'

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

function endpointsOf(card: AgentCard, read: Reading<unknown>): Endpoint[] {
  const endpoints: Endpoint[] = []
  if (card.url) {
    endpoints.push({
      url: card.url,
      line: read.lineOf(['url']),
      transport: card.preferredTransport,
    })
  }
  for (const key of ['supportedInterfaces', 'additionalInterfaces'] as const) {
    card[key]?.forEach((item, index) => {
      if (!item?.url) return
      endpoints.push({
        url: item.url,
        line: read.lineOf([key, index]),
        transport: item.protocolBinding ?? item.transport,
      })
    })
  }
  return endpoints
}

export function readInterfaces(
  profile: AgentProfile,
  card: AgentCard,
  read: Reading<unknown>,
): void {
  const endpoints = endpointsOf(card, read)
  profile.exposure.channels.push('a2a')
  profile.triggers.push('api')
  cite(profile, 'triggers', endpoints[0]?.line ?? read.lineOf(['name']))
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

export function readSecurity(
  profile: AgentProfile,
  card: AgentCard,
  read: Reading<unknown>,
  conformant: boolean,
): void {
  const schemes = card.securitySchemes ?? []
  const legacy = card.authentication?.schemes ?? []
  if (schemes.length > 0) {
    const line = read.lineOf(['securitySchemes'])
    for (const [name, entry] of schemes) {
      const kind = schemeName(name, entry)
      if (!profile.identity.authSchemes.includes(kind))
        profile.identity.authSchemes.push(kind)
    }
    if (card.noSecurityRequired) {
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
    readLegacySchemes(profile, legacy, read.lineOf(['authentication']))
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

/** `authentication.schemes`, the card's form before securitySchemes. */
function readLegacySchemes(
  profile: AgentProfile,
  legacy: readonly string[],
  line: number | undefined,
): void {
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
}

// ---------------------------------------------------------------- the rest

const TEXT_MODE = /^(text(\/[\w.+-]+)?|application\/(json|[\w.+-]+\+json))$/i

/** Input modes other than text: files others wrote. */
export function fileModes(modes: readonly string[]): string[] {
  return modes.filter((mode) => !TEXT_MODE.test(mode.trim()))
}

export function readInputModes(
  profile: AgentProfile,
  card: AgentCard,
  read: Reading<unknown>,
): void {
  const files = fileModes(card.defaultInputModes ?? [])
  if (files.length === 0) return
  profile.exposure.untrustedInput = true
  cite(profile, 'exposure', read.lineOf(['defaultInputModes']))
  addNote(
    profile,
    `accepts file input (${files.slice(0, 4).join(', ')}): documents others wrote reach the model`,
  )
}

export function readExtras(
  profile: AgentProfile,
  card: AgentCard,
  read: Reading<unknown>,
): void {
  const organization = card.provider?.organization
  if (organization) {
    const url = card.provider?.url
    addNote(profile, `provider: ${organization}${url ? ` (${url})` : ''}`)
  }
  const signatures = card.signatures ?? []
  if (signatures.length > 0) {
    addNote(
      profile,
      `the card is signed (${signatures.length} JWS signature${signatures.length > 1 ? 's' : ''})`,
    )
    cite(profile, 'identity', read.lineOf(['signatures']))
  }
  if (
    card.supportsAuthenticatedExtendedCard === true ||
    card.supportsExtendedAgentCard === true
  ) {
    addNote(profile, EXTENDED_CARD)
  }
}
