import {
  addCredential,
  addNote,
  cite,
  isPlaceholder,
  parseYamlDocument,
  problemFrom,
  pushUnique,
  reachOfAddress,
} from '../../manifest/kit.js'
import type { Context } from './context.js'
import { HooksFile, type Agent, type Compliance } from './schema.js'

/** `model.preferred` (`provider:model`), its fallbacks and temperature. */
export function readModel(ctx: Context, root: Agent): void {
  const { profile, doc } = ctx
  const model = root.model
  if (!model) return
  cite(profile, 'model', doc.lineOf(['model']))
  const preferred = model.preferred?.trim()
  if (preferred) {
    const cut = preferred.indexOf(':')
    if (cut > 0) {
      profile.model.provider = preferred.slice(0, cut)
      profile.model.name = preferred.slice(cut + 1)
    } else profile.model.name = preferred
    if (isPlaceholder(preferred)) profile.model.unresolved = true
  } else {
    addNote(
      profile,
      'no preferred model: the runtime picks one from its environment',
    )
  }
  const fallback = model.fallback.filter((m) => m.trim() !== '')
  if (fallback.length > 0)
    addNote(
      profile,
      `model fallback list (${fallback.join(', ')}): the model that answers can change at run time`,
    )
  const temperature =
    root.runtime?.temperature ?? model.constraints?.temperature
  if (temperature !== undefined) profile.model.temperature = temperature
}

/** `a2a`: the agent is served over A2A, with its inbound auth. */
export function readA2a(ctx: Context, root: Agent): void {
  const { profile, doc } = ctx
  const a2a = root.a2a
  if (!a2a) return
  const url = a2a.url
  if (url) {
    profile.exposure.endpoint = url
    const reach = reachOfAddress(url)
    if (reach) profile.exposure.reach = reach
  }
  pushUnique(profile.exposure.channels, 'a2a')
  pushUnique(profile.triggers, 'api')
  cite(profile, 'triggers', doc.lineOf(['a2a']))
  const auth = a2a.authentication
  const scheme = auth?.type
  if (scheme) {
    pushUnique(profile.identity.authSchemes, scheme)
    profile.controls.authentication = scheme !== 'none'
    cite(
      profile,
      'controls.authentication',
      doc.lineOf(['a2a', 'authentication']),
    )
  }
  const ref = auth?.credentials_ref
  if (ref) addCredential(profile, ref)
}

export function readCompliance(
  ctx: Context,
  compliance: Compliance | undefined,
): void {
  if (!compliance) return
  const { profile, doc } = ctx
  const tier = compliance.risk_tier
  if (tier) addNote(profile, `declared risk tier: ${tier}`)
  const supervision = compliance.supervision
  const hitl = supervision?.human_in_the_loop
  const hitlLine = doc.lineOf([
    'compliance',
    'supervision',
    'human_in_the_loop',
  ])
  if (hitl === 'always') profile.controls.humanApproval = true
  else if (hitl === 'advisory' || hitl === 'none')
    profile.controls.humanApproval = false
  else if (hitl === 'conditional')
    addNote(
      profile,
      'human review only when an escalation trigger fires (human_in_the_loop conditional)',
    )
  if (hitl) cite(profile, 'controls.humanApproval', hitlLine)
  if (supervision?.kill_switch === true)
    addNote(profile, 'declares a kill switch')
  const audit = compliance.recordkeeping?.audit_logging
  if (audit !== undefined) {
    profile.controls.logging = audit
    cite(
      profile,
      'controls.logging',
      doc.lineOf(['compliance', 'recordkeeping', 'audit_logging']),
    )
  }
  const pii = compliance.data_governance?.pii_handling
  if (pii) addNote(profile, `declared PII handling: ${pii}`)
}

/** hooks/hooks.yaml: hooks that run before a tool or query can block it. */
export function readHooks(ctx: Context): void {
  const path = `${ctx.dir}hooks/hooks.yaml`
  const text = ctx.file.readSibling(path)
  if (text === undefined) return
  let hooks
  try {
    hooks = HooksFile.parse(parseYamlDocument(text, path).value)?.hooks
  } catch (error) {
    ctx.problems.push({ ...problemFrom(error, path), level: 'warning' })
    return
  }
  const gates = (['pre_tool_use', 'pre_query'] as const).filter(
    (event) => (hooks?.[event] ?? 0) > 0,
  )
  if (gates.length > 0) {
    ctx.profile.controls.guardrails = true
    addNote(
      ctx.profile,
      `hooks/hooks.yaml runs ${gates.join(' and ')} hooks that can block`,
    )
  }
}

/** `extends`, `registries` and `plugins`: what comes from elsewhere. */
export function readProvenance(ctx: Context, root: Agent): void {
  const { profile } = ctx
  const parent = root.extends
  if (parent)
    addNote(
      profile,
      `extends ${parent}: fields and rules not in this file come from that agent`,
    )
  const registries = (root.registries ?? []).filter(
    (entry): entry is string => entry !== undefined,
  )
  if (registries.length > 0)
    addNote(
      profile,
      `skills can be installed from registries (${registries.join(', ')}): third-party instructions enter the agent`,
    )
  if (root.plugins.length > 0)
    addNote(
      profile,
      `plugins (${root.plugins.join(', ')}) add tools and skills in code; the manifest under-reports`,
    )
}
