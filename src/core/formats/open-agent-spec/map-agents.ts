import {
  addCredential,
  addNote,
  cite,
  pushUnique,
  problem,
  reachOfAddress,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import {
  follow,
  lineOf,
  settleToolApproval,
  startProfile,
  type Context,
} from './map-context.js'
import { readLlm } from './map-models.js'
import { readToolList } from './map-tools.js'
import { readToolboxes } from './map-toolboxes.js'
import type { Component, Located } from './schema.js'

/** An Agent (or OpenAiAgent), or a SpecializedAgent over its base agent. */
export function readAgent(ctx: Context, loc: Located): AgentProfile {
  const profile = startProfile(ctx, loc)
  let base = loc
  let spec: Located | undefined
  if (loc.value.component_type === 'SpecializedAgent') {
    base = follow(ctx, loc.value.agent, [...loc.path, 'agent']) ?? loc
    spec = follow(ctx, loc.value.agent_specialization_parameters, [
      ...loc.path,
      'agent_specialization_parameters',
    ])
  }
  const agent = base.value
  const extra = spec?.value.additional_instructions
  const prompt = agent.system_prompt
  if (prompt !== undefined) {
    profile.instructions = joinText(prompt, extra)
    cite(profile, 'instructions', lineOf(ctx, [...base.path, 'system_prompt']))
    noteTemplate(profile, prompt)
  } else if (agent.component_type === 'Agent') {
    ctx.problems.push(
      problem(ctx.file, lineOf(ctx, base.path), 'Agent has no system_prompt', {
        field: 'system_prompt',
        level: 'warning',
      }),
    )
  }
  const llm = follow(ctx, agent.llm_config, [...base.path, 'llm_config'])
  if (llm) readLlm(ctx, profile, llm, [...base.path, 'llm_config'])
  else if (agent.llm_config === undefined && agent.component_type === 'Agent')
    addNote(profile, 'no llm_config: the runtime chooses the model')
  readToolList(ctx, profile, agent.tools, [...base.path, 'tools'])
  if (spec)
    readToolList(ctx, profile, spec.value.additional_tools, [
      ...spec.path,
      'additional_tools',
    ])
  readToolboxes(ctx, profile, agent.toolboxes, [...base.path, 'toolboxes'])
  // A specialisation's human_in_the_loop, when set, replaces the agent's.
  const hitl = spec && spec.value.human_in_the_loop !== undefined ? spec : base
  readHumanInTheLoop(ctx, profile, hitl.value, hitl.path)
  if (agent.transforms)
    addNote(
      profile,
      'message transforms rewrite what the agent sees of the conversation',
    )
  settleToolApproval(profile)
  return profile
}

function joinText(first: string, second: string | undefined): string {
  return second ? `${first}\n\n${second}` : first
}

function noteTemplate(profile: AgentProfile, prompt: string): void {
  const names = [...prompt.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map(
    (m) => m[1],
  )
  if (names.length > 0)
    addNote(
      profile,
      `system_prompt is filled at run time from inputs (${[...new Set(names)].slice(0, 5).join(', ')}): callers shape the instructions`,
    )
}

function readHumanInTheLoop(
  ctx: Context,
  profile: AgentProfile,
  agent: Component,
  path: DataPath,
): void {
  const hitl = agent.human_in_the_loop
  const line = lineOf(ctx, [...path, 'human_in_the_loop'])
  if (hitl === false) {
    profile.controls.humanApproval = false
    // This line, not a tool's confirmation flag, is what decides.
    if (line !== undefined) profile.evidence['controls.humanApproval'] = line
    addNote(
      profile,
      'human_in_the_loop false: the agent runs to completion without asking a human',
    )
  } else if (hitl === true) {
    addNote(
      profile,
      'human_in_the_loop true lets the agent ask the user for input; it does not make tool calls wait for approval',
    )
  }
}

/** A2AAgent, RemoteAgent, OciAgent: an agent defined and run elsewhere. */
export function readRemoteAgent(ctx: Context, loc: Located): AgentProfile {
  const profile = startProfile(ctx, loc)
  const agent = loc.value
  const type = agent.component_type ?? ''
  const url = agent.agent_url ?? agent.url ?? agent.agent_endpoint_id
  const line = lineOf(ctx, [...loc.path, 'agent_url'])
  if (url !== undefined) {
    profile.exposure.endpoint = url
    const reach = reachOfAddress(url, { templatedHostUnknown: true })
    if (reach) profile.exposure.reach = reach
    if (type === 'A2AAgent') profile.exposure.channels.push('a2a')
    profile.triggers.push('api')
    cite(profile, 'triggers', line)
  }
  addNote(
    profile,
    `${type} at ${url ?? 'an unstated address'}: its model, tools and instructions live outside this manifest`,
  )
  const connection = agent.connection_config
  if (connection) {
    if (connection.verify === false)
      addNote(profile, `${type} connection does not verify TLS certificates`)
    for (const header of connection.headers) addCredential(profile, header)
    if (connection.key_file || connection.cert_file)
      pushUnique(profile.identity.authSchemes, 'mtls')
  }
  const llm = follow(ctx, agent.llm_config, [...loc.path, 'llm_config'])
  if (llm) readLlm(ctx, profile, llm, [...loc.path, 'llm_config'])
  return profile
}
