import {
  addCredential,
  addNote,
  cite,
  isPlaceholder,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import type { Context } from './map.js'
import type { AgentDeployment, AgentSpec, Body, Memory } from './schema.js'

/**
 * Names of env vars and headers that hold credentials. Narrower than the
 * kit's isCredentialName (no bearer); kept so, since widening it would
 * change what manifests report.
 */
export const CREDENTIAL_NAME = /key|token|secret|pass|auth|credential|cookie/i

type LineAt = (...path: DataPath) => number | undefined

/** A BYO agent's image, or a declarative agent's prompt and model. */
export function readSpec(
  context: Context,
  profile: AgentProfile,
  body: Body,
  how: { type: string | undefined; v2: boolean; at: LineAt },
): void {
  if (how.type === 'BYO') {
    addNote(
      profile,
      `BYO agent: its behaviour is in the image ${body.deployment?.image ?? '(unnamed)'}; the manifest under-reports its tools`,
    )
    return
  }
  readInstructions(profile, body, how.at)
  readModel(
    context,
    profile,
    body.modelConfig ?? (how.v2 ? 'default-model-config' : undefined),
    how.at('modelConfig'),
  )
}

function readInstructions(profile: AgentProfile, body: Body, at: LineAt): void {
  const field = body.systemMessage?.trim() ? 'systemMessage' : 'systemPrompt'
  const message = body[field]
  if (message?.trim()) {
    profile.instructions = message.trim()
    cite(profile, 'instructions', at(field))
  }
  const from = body.systemMessageFrom
  if (from) {
    addNote(
      profile,
      `its system message is read from ${from.type ?? 'a resource'} ${from.name ?? ''}`.trim(),
    )
    cite(profile, 'instructions', at('systemMessageFrom'))
  }
  if (body.promptTemplate !== undefined) {
    addNote(profile, 'promptTemplate: parts of its prompt come from ConfigMaps')
  }
}

function readModel(
  context: Context,
  profile: AgentProfile,
  reference: string | undefined,
  line: number | undefined,
): void {
  if (!reference) return
  cite(profile, 'model', line)
  const short = reference.slice(reference.lastIndexOf('/') + 1)
  const spec = context.modelConfigs.get(short)?.resource.modelConfig
  if (!spec) {
    addNote(
      profile,
      `its model comes from ModelConfig ${reference}, defined outside this file`,
    )
    return
  }
  const model: AgentProfile['model'] = {
    name: spec.model,
    provider: spec.provider,
  }
  if (spec.temperature !== undefined) model.temperature = spec.temperature
  if ([spec.model, spec.provider].some(isPlaceholder)) model.unresolved = true
  profile.model = model
  const secret = spec.apiKeySecret ?? spec.apiKeySecretRef
  if (secret && !profile.identity.credentials.includes(secret))
    addCredential(profile, secret, line)
}

export function readMemory(
  profile: AgentProfile,
  { names, spec }: Memory,
  line: number | undefined,
): void {
  if (names.length === 0 && !spec) return
  profile.memory.kind = 'persistent'
  profile.memory.writable = true
  profile.memory.stores.push(...(names.length > 0 ? names : ['kagent memory']))
  cite(profile, 'memory', line)
  const ttl = spec?.ttlDays
  addNote(
    profile,
    spec
      ? `long-term memory kept ${ttl ?? 15} days${ttl === undefined ? ' (the default)' : ''}`
      : `long-term memory in ${names.join(', ')}`,
  )
}

export function readDeployment(
  profile: AgentProfile,
  deployment: AgentDeployment | undefined,
  line: number | undefined,
): void {
  if (!deployment) return
  for (const { name, fromSecret } of deployment.env) {
    if (name && (fromSecret || CREDENTIAL_NAME.test(name)))
      addCredential(profile, name, line)
  }
  const account = deployment.serviceAccountName
  if (account) {
    profile.identity.kind ??= 'fixed'
    cite(profile, 'identity', line)
    addNote(profile, `it runs as the service account ${account}`)
  }
}

export function readExposure(
  profile: AgentProfile,
  body: Body,
  namespace: string | undefined,
  name: string,
  line: number | undefined,
): void {
  profile.exposure.reach = 'internal'
  profile.exposure.channels.push('a2a')
  profile.exposure.endpoint = `/api/a2a/${namespace ?? 'default'}/${name}`
  profile.triggers.push('chat', 'api')
  const skills = body.a2aConfig?.skills ?? []
  for (const skill of skills) {
    const skillName = skill?.name ?? skill?.id
    if (skillName) {
      profile.skills.push({ name: skillName, description: skill?.description })
    }
  }
  if (skills.length > 0) cite(profile, 'triggers', line)
}

export function readExtras(
  profile: AgentProfile,
  spec: AgentSpec,
  body: Body,
  at: LineAt,
): void {
  if (body.executeCodeBlocks === true) {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', at('executeCodeBlocks'))
    addNote(
      profile,
      'executeCodeBlocks: it runs Python code blocks from the model',
    )
  }
  const { skills } = spec
  if (skills) {
    const refs = [...skills.refs, ...skills.gitRefs].filter(Boolean)
    addNote(
      profile,
      `it loads skills from ${refs.join(', ') || 'external sources'}`,
    )
    if (skills.insecureSkipVerify === true) {
      addNote(profile, 'skills are fetched without TLS verification')
    }
  }
  if (spec.allowedNamespaces !== undefined) {
    addNote(profile, 'agents of other namespaces may call it as a tool')
  }
}

/** Agent tools naming an agent of the same file make it that agent's parent. */
export function linkAgents(agents: readonly AgentProfile[]): void {
  const byName = new Map(agents.map((a) => [a.name, a]))
  for (const parent of agents) {
    for (const childName of parent.subAgents) {
      const child = byName.get(childName)
      if (child && child !== parent && child.parent === undefined) {
        child.parent = parent.name
      }
    }
  }
}
