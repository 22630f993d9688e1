import { newProfile } from '../../src/core/profile/build.js'
import type { AgentProfile } from '../../src/core/profile/schema.js'

/** A profile for tests: a bare agent plus the fields given. */
export function profile(fields: Partial<AgentProfile> = {}): AgentProfile {
  return {
    ...newProfile({
      name: 'agent',
      format: 'aivss-descriptor',
      file: 'a.aivss.yml',
      line: 1,
    }),
    ...fields,
  }
}
