import { cite } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

/**
 * Credentials as manifests name them: env vars, headers, inputs and settings
 * whose names say they hold a secret. Only names are kept, never values.
 */

const CREDENTIAL_NAME = /key|token|secret|pass|auth|credential|cookie|bearer/i

/** The name of an env var, header or setting says it holds a credential. */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name)
}

/**
 * Adds a credential name to the profile's identity unless it is listed, and
 * cites the line it was read from when there is one.
 */
export function addCredential(
  profile: AgentProfile,
  name: string,
  line?: number,
): void {
  if (!profile.identity.credentials.includes(name))
    profile.identity.credentials.push(name)
  cite(profile, 'identity', line)
}

/**
 * Adds a credential that one server or tool holds, not the agent itself:
 * the identity is `scoped` unless the profile says otherwise.
 */
export function addScopedCredential(
  profile: AgentProfile,
  name: string,
  line?: number,
): void {
  addCredential(profile, name, line)
  profile.identity.kind ??= 'scoped'
}
