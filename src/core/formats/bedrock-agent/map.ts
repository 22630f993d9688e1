import {
  addNote,
  cite,
  newProfile,
  pushUnique,
  type AgentProfile,
} from '../../manifest/kit.js'
import { readCollaboration } from './map-collaboration.js'
import {
  readActionGroup,
  readApprovals,
  readKnowledgeBase,
} from './map-tools.js'
import { ID, short, type AgentSpec, type Src } from './spec.js'

/**
 * An AgentSpec, from CloudFormation or Terraform, as a profile: its text,
 * model, access, guardrail and memory here; its tools in map-tools.ts and
 * its collaborators in map-collaboration.ts.
 */

function nameOf(spec: AgentSpec): string {
  return spec.name.value !== undefined && spec.name.ref === undefined
    ? spec.name.value
    : spec.key
}

/** The profiles of the agents of one file, sub-agents linked by key or name. */
export function toProfiles(
  specs: readonly AgentSpec[],
  file: string,
): AgentProfile[] {
  const pairs = specs.map((spec) => ({ spec, profile: toProfile(spec, file) }))
  const byKey = new Map(pairs.map(({ spec, profile }) => [spec.key, profile]))
  for (const { spec, profile: parent } of pairs) {
    for (const collaborator of spec.collaborators) {
      const child = collaborator.agentKey
        ? byKey.get(collaborator.agentKey)
        : undefined
      const childName = child?.name ?? collaborator.name
      if (!childName) continue
      pushUnique(parent.subAgents, childName)
      if (child && !child.parent) child.parent = parent.name
    }
  }
  return pairs.map(({ profile }) => profile)
}

function toProfile(spec: AgentSpec, file: string): AgentProfile {
  const profile = newProfile({
    name: nameOf(spec),
    format: ID,
    file,
    line: spec.line,
  })
  cite(profile, 'name', spec.name.line ?? spec.line)
  if (spec.name.ref !== undefined) {
    addNote(
      profile,
      `the agent name is computed at deployment (${spec.name.ref}); it is named here by ${spec.key}`,
    )
  }
  for (const note of spec.notes) addNote(profile, note)
  readText(profile, spec)
  readModel(profile, spec)
  readAccess(profile, spec)
  readGuardrailAndMemory(profile, spec)
  for (const group of spec.actionGroups) readActionGroup(profile, group)
  readApprovals(profile, spec)
  for (const base of spec.knowledgeBases) readKnowledgeBase(profile, base)
  readCollaboration(profile, spec)
  return profile
}

function readText(profile: AgentProfile, spec: AgentSpec): void {
  if (spec.description.value !== undefined && !spec.description.ref)
    profile.description = spec.description.value
  const instruction = spec.instruction
  cite(profile, 'instructions', instruction.line)
  if (instruction.ref !== undefined && instruction.value !== undefined) {
    profile.instructions = instruction.value
    addNote(profile, 'the instruction contains values filled in at deployment')
  } else if (instruction.ref !== undefined) {
    addNote(
      profile,
      `the instruction is set through ${short(instruction.ref)}; its text is not in this file`,
    )
  } else if (instruction.value !== undefined) {
    profile.instructions = instruction.value
  } else {
    addNote(profile, 'no instruction is declared for the agent')
  }
}

/** `anthropic` from `anthropic.claude…`, `us.anthropic.…` or a model ARN. */
function providerOf(model: string): string | undefined {
  const id = model.includes('/')
    ? model.slice(model.lastIndexOf('/') + 1)
    : model
  const parts = id.split('.')
  if (parts.length < 2) return undefined
  const first = parts[0] ?? ''
  return /^(us|eu|apac|global|jp|au|ca|us-gov)$/.test(first) && parts.length > 2
    ? parts[1]
    : first
}

function readModel(profile: AgentProfile, spec: AgentSpec): void {
  const model = spec.model
  cite(profile, 'model', model.line)
  if (model.ref !== undefined) {
    profile.model.unresolved = true
    addNote(profile, `the foundation model is set through ${short(model.ref)}`)
  } else if (model.value !== undefined) {
    profile.model.name = model.value
    profile.model.provider = providerOf(model.value)
  }
  if (spec.temperature.value !== undefined) {
    profile.model.temperature = spec.temperature.value
    cite(profile, 'model', spec.temperature.line)
  }
}

function readAccess(profile: AgentProfile, spec: AgentSpec): void {
  profile.triggers.push('api')
  profile.exposure.reach = 'internal'
  profile.exposure.channels.push('bedrock-agent-runtime')
  profile.controls.authentication = true
  addNote(
    profile,
    'invoked through the Bedrock InvokeAgent API, which requires AWS IAM credentials',
  )
  const role = spec.role
  if (role.value !== undefined || role.ref !== undefined) {
    profile.identity.kind = 'fixed'
    profile.identity.credentials.push(`iam-role:${roleName(role)}`)
    cite(profile, 'identity', role.line)
  }
  if (spec.orchestration.value === 'CUSTOM_ORCHESTRATION') {
    addNote(
      profile,
      'orchestration is custom (a Lambda decides each step): the manifest under-reports its behaviour',
    )
  }
}

/** `BookingAgentRole` from an ARN, `AgentRole` from `!GetAtt AgentRole.Arn`. */
function roleName(role: Src<string>): string {
  const text = role.ref ?? role.value ?? ''
  const fromArn = /:role\/(?:.*\/)?([^/]+)$/.exec(text)?.[1]
  if (fromArn) return fromArn
  const reference = text
    .replace(/^!\w+\s+/, '')
    .replace(/^Fn::\w+\s+/, '')
    .replace(/^Ref\s+/, '')
  const fromJson = /^\[?"([^"]+)"/.exec(reference)?.[1]
  return short(fromJson ?? reference).replace(/\.(arn|Arn)$/, '')
}

function readGuardrailAndMemory(profile: AgentProfile, spec: AgentSpec): void {
  if (spec.guardrail) {
    profile.controls.guardrails = true
    cite(profile, 'controls.guardrails', spec.guardrail.line)
  } else {
    profile.controls.guardrails = false
    cite(profile, 'controls.guardrails', spec.line)
    addNote(
      profile,
      'no GuardrailConfiguration: no Bedrock guardrail screens its input or output',
    )
  }
  const memory = spec.memory
  if (memory && memory.types.length > 0) {
    const days =
      memory.storageDays === undefined ? '' : ` for ${memory.storageDays} days`
    profile.memory = {
      kind: 'persistent',
      stores: memory.types.map((type) => `${type}${days}`),
      writable: true,
    }
    cite(profile, 'memory', memory.line)
  } else {
    profile.memory = { kind: 'session', stores: [] }
    cite(profile, 'memory', memory?.line ?? spec.idleTtl.line)
    const ttl = spec.idleTtl.value
    addNote(
      profile,
      `no long-term memory: state lasts one session${ttl === undefined ? '' : ` (idle timeout ${ttl} s)`}`,
    )
  }
}
