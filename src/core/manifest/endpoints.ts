import { asRecord, asString, isPlaceholder } from '../parse/data.js'

/**
 * Endpoints and their authentication, as agent cards and records declare
 * them: how far an address reaches, and the name of an auth scheme.
 */

export type Reach = 'local' | 'internal' | 'public'

/** How far a URL reaches: loopback, a private network, or the internet. */
export function reachOf(url: string): Reach | undefined {
  if (isPlaceholder(url)) return undefined
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '')
  } catch {
    return undefined
  }
  if (host === '') return undefined
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '0.0.0.0' ||
    host === '::1'
  ) {
    return 'local'
  }
  if (
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^f[cd][0-9a-f]{2}:/.test(host) ||
    /\.(local|internal|lan|intranet|corp|home|svc|cluster\.local)$/.test(
      host,
    ) ||
    !host.includes('.')
  ) {
    return 'internal'
  }
  return 'public'
}

/**
 * How far an address reaches, read from its text rather than parsed as a
 * URL: the host after the scheme and any user part. Its rules are fewer
 * than reachOf's (a host that starts with `localhost` is local; link-local
 * addresses and `.corp` names count as public), and the formats that use it
 * are kept on them. A host written as a template (`{region}.example.com`,
 * `<host>`) is read as written, or is unknown with `templatedHostUnknown`.
 */
export function reachOfAddress(
  url: string,
  options: { readonly templatedHostUnknown?: boolean } = {},
): Reach | undefined {
  if (isPlaceholder(url)) return undefined
  const host = /^[a-z][\w+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i
    .exec(url)?.[1]
    ?.toLowerCase()
  if (!host) return undefined
  if (options.templatedHostUnknown && /[{<]/.test(host)) return undefined
  if (/^(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(host)) return 'local'
  if (
    /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host) ||
    /\.(internal|local|lan|svc)$/.test(host) ||
    !host.includes('.')
  )
    return 'internal'
  return 'public'
}

const V1_SCHEMES: ReadonlyArray<readonly [string, string]> = [
  ['apiKeySecurityScheme', 'apiKey'],
  ['httpAuthSecurityScheme', 'http'],
  ['oauth2SecurityScheme', 'oauth2'],
  ['openIdConnectSecurityScheme', 'openIdConnect'],
  ['mtlsSecurityScheme', 'mtls'],
]

/**
 * `bearer`, `apiKey`, `oauth2`… for one `securitySchemes` entry, in the
 * OpenAPI-style shape (`{type, scheme}`) of A2A v0.3 or the
 * `{<kind>SecurityScheme}` shape of v1.0.
 */
export function schemeName(name: string, entry: unknown): string {
  const scheme = asRecord(entry) ?? {}
  for (const [key, kind] of V1_SCHEMES) {
    const body = asRecord(scheme[key])
    if (body) {
      return kind === 'http'
        ? (asString(body.scheme)?.toLowerCase() ?? 'http')
        : kind
    }
  }
  const type = asString(scheme.type)
  if (!type) return name
  if (type === 'http') return asString(scheme.scheme)?.toLowerCase() ?? 'http'
  if (/^mutualtls$/i.test(type)) return 'mtls'
  return type
}

/** The host (and port) of a URL, or the text as written when it is not one. */
export function urlHost(url: string): string {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}
