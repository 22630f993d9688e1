import {
  addNote,
  addTool,
  cite,
  classifyTool,
  type AgentProfile,
  type Reading,
  type ToolKind,
} from '../../manifest/kit.js'
import type { Capability } from './schema.js'

interface CapabilitySpec {
  readonly kind: ToolKind
  readonly readOnly?: boolean
  /** It brings in content other people wrote. */
  readonly untrusted?: boolean
  readonly note?: string
}

const CAPABILITIES: Readonly<Record<string, CapabilitySpec>> = {
  websearch: { kind: 'search', readOnly: true, untrusted: true },
  onedriveandsharepoint: { kind: 'search', readOnly: true, untrusted: true },
  graphconnectors: { kind: 'search', readOnly: true, untrusted: true },
  embeddedknowledge: { kind: 'file-read', readOnly: true },
  dataverse: { kind: 'database', readOnly: true },
  email: { kind: 'email', readOnly: true, untrusted: true },
  teamsmessages: { kind: 'email', readOnly: true, untrusted: true },
  people: { kind: 'search', readOnly: true },
  meetings: { kind: 'search', readOnly: true, untrusted: true },
  graphicart: { kind: 'other', readOnly: true },
  codeinterpreter: {
    kind: 'code-exec',
    note: 'CodeInterpreter: the agent writes and runs Python code',
  },
  scenariomodels: {
    kind: 'other',
    note: 'ScenarioModels: task-specific models answer some requests',
  },
  emailactions: {
    kind: 'email',
    readOnly: false,
    note: 'EmailActions: the agent can send mail as the user',
  },
  meetingactions: {
    kind: 'email',
    readOnly: false,
    note: 'MeetingActions: the agent can schedule and change meetings as the user',
  },
}

/** The table's entry for a capability name; own keys only (`constructor`). */
function specOf(name: string): CapabilitySpec | undefined {
  const key = name.toLowerCase()
  return Object.hasOwn(CAPABILITIES, key) ? CAPABILITIES[key] : undefined
}

/** Capabilities: built-in tools of the host, each of a known kind. */
export function readCapabilities(
  read: Reading<unknown>,
  capabilities: ReadonlyArray<Capability | undefined>,
  profile: AgentProfile,
): void {
  capabilities.forEach((capability, index) => {
    const name = capability?.name
    if (!capability || !name) return
    const line = read.lineOf(['capabilities', index])
    const spec = specOf(name)
    addTool(profile, {
      name,
      kind: spec?.kind ?? classifyTool(name),
      readOnly: spec?.readOnly,
      line,
      source: 'builtin',
    })
    cite(profile, 'tools', line)
    if (!spec) {
      addNote(profile, `capability ${name} is not one this reader knows`)
    } else {
      if (spec.note) addNote(profile, spec.note)
      if (spec.untrusted) profile.exposure.untrustedInput = true
      if (spec.kind === 'code-exec') {
        profile.autonomy.codeExecution = true
        cite(profile, 'autonomy', line)
      }
    }
    readScope(profile, name, capability, line)
  })
}

function readScope(
  profile: AgentProfile,
  name: string,
  capability: Capability,
  line: number | undefined,
): void {
  if (capability.scopedBy.length > 0) {
    addNote(
      profile,
      `${name} is limited to the sources in ${capability.scopedBy.join(', ')}`,
    )
    if (name.toLowerCase() === 'websearch') {
      profile.controls.allowlists = true
      cite(profile, 'controls.allowlists', line)
    }
  } else if (
    specOf(name)?.untrusted === true &&
    name.toLowerCase() !== 'websearch'
  ) {
    addNote(
      profile,
      `${name} is not scoped: it reaches everything the user can read there`,
    )
  }
}
