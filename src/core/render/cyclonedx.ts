import * as Enums from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize'
import * as Spec from '@cyclonedx/cyclonedx-library/Spec'
import type { AgentProfile, Tool } from '../profile/schema.js'
import type { Report, ReportAgent } from '../report/schema.js'
import { sha256 } from './digest.js'
import { inertText } from './escape.js'
import { repoPath } from './location.js'

/**
 * The agents found as a CycloneDX 1.6 AI bill of materials: each agent an
 * `application` component with its format, file, AIVSS score, severity
 * and factors as properties (namespace `aivss-gate:`); its skills nested
 * inside it; its model a `machine-learning-model` component; its tools and
 * MCP servers services with their kind, approval and pinning; and the
 * dependency graph from each agent to its model, tools and sub-agents.
 * A skill that no agent loads is a component of its own, with what it
 * grants.
 * Built with the CycloneDX library, so the document is the spec's.
 *
 * Names and descriptions come from manifests a pull request wrote: they
 * are made inert (no bidirectional or invisible marks) and bounded, and a
 * server URL keeps only its scheme, host and path (never credentials or a
 * query string).
 */

export interface CycloneDxOptions {
  /** The scan root's path inside the repository, `/`-separated. */
  readonly pathPrefix?: string
  /** When the BOM was made; left out for a reproducible document. */
  readonly timestamp?: Date | undefined
}

const NS = 'aivss-gate'

export function renderCycloneDx(
  report: Report,
  profiles: readonly AgentProfile[],
  options: CycloneDxOptions = {},
): string {
  const bom = new Models.Bom()
  const refs = new UniqueRefs()
  const models = new Map<string, Models.Component>()
  const agents = report.agents.map((agent, index) => {
    const component = agentComponent(agent, profiles[index], refs, options)
    bom.components.add(component)
    return { agent, profile: profiles[index], component }
  })
  for (const { agent, profile, component } of agents) {
    const model = modelComponent(agent, profile, refs, models)
    if (model) {
      // A set: a model shared by several agents is listed once.
      bom.components.add(model)
      component.dependencies.add(model.bomRef)
    }
    for (const tool of profile?.tools ?? []) {
      const service = toolService(agent, tool, refs)
      bom.services.add(service)
      component.dependencies.add(service.bomRef)
    }
    for (const sub of subAgentsOf(agent, agents))
      component.dependencies.add(sub.bomRef)
  }
  // A skill no agent loads is still in the repository, ready to be loaded:
  // it is listed on its own.
  for (const skill of report.skills ?? []) {
    if (skill.loadedBy.length > 0) continue
    bom.components.add(skillComponent(skill, refs, options))
  }
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, 'aivss-gate', {
      version: report.tool.version,
      description: 'Gates pull requests on the OWASP AIVSS risk of AI agents',
    }),
  )
  if (options.timestamp) bom.metadata.timestamp = options.timestamp
  add(
    bom.metadata.properties,
    prop('aivss:version', report.aivss.version),
    prop('agents', report.summary.agents),
    prop('max-score', report.summary.maxScore ?? 'none'),
  )
  if (report.policy)
    add(bom.metadata.properties, prop('policy:result', report.policy.result))
  bom.serialNumber = serialNumber(report)
  const serializer = new Serialize.JsonSerializer(
    new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6),
  )
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`
}

function agentComponent(
  agent: ReportAgent,
  profile: AgentProfile | undefined,
  refs: UniqueRefs,
  options: CycloneDxOptions,
): Models.Component {
  const component = new Models.Component(
    Enums.ComponentType.Application,
    inert(agent.name),
    {
      bomRef: refs.take(`agent:${agent.id}`),
      ...(agent.description
        ? { description: inertText(agent.description, 1000) }
        : {}),
    },
  )
  add(
    component.properties,
    prop('kind', 'agent'),
    prop('format', agent.format),
    prop('file', repoPath(options.pathPrefix ?? '', agent.file)),
    prop('line', agent.line),
    prop('aivss:score', agent.score.toFixed(1)),
    prop('aivss:severity', agent.severity),
    prop('aivss:basis', agent.basisKind),
    prop('aivss:agentic-score', agent.agenticScore.toFixed(1)),
    prop('memory', agent.memory),
    prop('all-tools', agent.allTools),
  )
  if (agent.aivssVector)
    add(component.properties, prop('aivss:vector', agent.aivssVector))
  if (agent.parent)
    add(component.properties, prop('parent', inert(agent.parent)))
  for (const [factor, value] of Object.entries(agent.factors))
    add(component.properties, prop(`aivss:factor:${factor}`, value))
  for (const [control, value] of Object.entries(agent.controls))
    add(component.properties, prop(`control:${control}`, value))
  for (const skill of profile?.skills ?? []) {
    const part = new Models.Component(
      Enums.ComponentType.Application,
      inert(skill.name),
      {
        bomRef: refs.take(`skill:${agent.id}:${skill.name}`),
        ...(skill.description
          ? { description: inertText(skill.description, 1000) }
          : {}),
      },
    )
    add(part.properties, prop('kind', 'skill'))
    component.components.add(part)
  }
  return component
}

function skillComponent(
  skill: Report['skills'][number],
  refs: UniqueRefs,
  options: CycloneDxOptions,
): Models.Component {
  const component = new Models.Component(
    Enums.ComponentType.Application,
    inert(skill.name),
    {
      bomRef: refs.take(`skill:${skill.file}`),
      ...(skill.description
        ? { description: inertText(skill.description, 1000) }
        : {}),
    },
  )
  add(
    component.properties,
    prop('kind', 'skill'),
    prop('file', repoPath(options.pathPrefix ?? '', skill.file)),
    prop('line', skill.line),
    prop('skill:risk', skill.risk),
  )
  for (const tool of skill.tools)
    add(
      component.properties,
      prop('skill:tool', `${inert(tool.name)} (${tool.kind})`),
    )
  return component
}

/** One component per distinct model, shared by the agents that use it. */
function modelComponent(
  agent: ReportAgent,
  profile: AgentProfile | undefined,
  refs: UniqueRefs,
  models: Map<string, Models.Component>,
): Models.Component | undefined {
  const name = profile?.model.name ?? agent.model
  if (!name) return undefined
  const provider = profile?.model.provider
  const key = `${provider ?? ''}/${name}`
  const known = models.get(key)
  if (known) return known
  const model = new Models.Component(
    Enums.ComponentType.MachineLearningModel,
    inert(name),
    {
      bomRef: refs.take(`model:${key}`),
      ...(provider ? { publisher: inert(provider) } : {}),
    },
  )
  add(model.properties, prop('kind', 'model'))
  if (profile?.model.unresolved)
    add(model.properties, prop('model:unresolved', true))
  models.set(key, model)
  return model
}

function toolService(
  agent: ReportAgent,
  tool: Tool,
  refs: UniqueRefs,
): Models.Service {
  const endpoint = safeEndpoint(tool.server?.url)
  const service = new Models.Service(inert(tool.name), {
    bomRef: refs.take(`tool:${agent.id}:${tool.name}`),
    ...(tool.description
      ? { description: inertText(tool.description, 1000) }
      : {}),
  })
  add(
    service.properties,
    prop('kind', tool.server ? 'mcp-server' : 'tool'),
    prop('tool:kind', tool.kind),
    prop('tool:source', tool.source ?? 'not stated'),
    prop('tool:requires-approval', tool.requiresApproval ?? 'not stated'),
    prop('tool:read-only', tool.readOnly ?? 'not stated'),
  )
  if (tool.wildcard) add(service.properties, prop('tool:wildcard', true))
  if (tool.server) {
    add(
      service.properties,
      prop('mcp:transport', tool.server.transport),
      prop('pinned', tool.server.pinned ?? 'not stated'),
    )
    if (endpoint) add(service.properties, prop('mcp:endpoint', endpoint))
    if (tool.server.command)
      add(service.properties, prop('mcp:command', inert(tool.server.command)))
  }
  return service
}

/** The agents this one delegates to: its sub-agents by name, or those naming it as parent, in its file. */
function subAgentsOf(
  agent: ReportAgent,
  all: ReadonlyArray<{ agent: ReportAgent; component: Models.Component }>,
): Models.Component[] {
  const names = new Set(agent.subAgents)
  return all
    .filter(
      (other) =>
        other.agent !== agent &&
        other.agent.file === agent.file &&
        (names.has(other.agent.name) || other.agent.parent === agent.name),
    )
    .map((other) => other.component)
}

/** A server URL without credentials, query or fragment; only http(s) and ws(s). */
function safeEndpoint(url: string | undefined): string | undefined {
  if (!url) return undefined
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (!/^(https?|wss?):$/.test(parsed.protocol)) return undefined
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`
}

function add(
  properties: Models.PropertyRepository,
  ...items: Models.Property[]
): void {
  for (const item of items) properties.add(item)
}

function prop(name: string, value: string | number | boolean): Models.Property {
  return new Models.Property(`${NS}:${name}`, String(value))
}

function inert(text: string): string {
  return inertText(text, 200)
}

/** bom-refs are unique in a BOM: a repeated key gets a counter. */
class UniqueRefs {
  private readonly seen = new Set<string>()
  take(raw: string): string {
    // Keys hold names from manifests: inert like every other name.
    const key = inertText(raw, 400)
    let ref = key
    for (let n = 2; this.seen.has(ref); n++) ref = `${key}#${n}`
    this.seen.add(ref)
    return ref
  }
}

/**
 * The same report gives the same serial number, so that a BOM can be
 * regenerated and compared; a different report gives another. Formatted as
 * an RFC 4122 version 4 UUID, which the schema requires.
 */
function serialNumber(report: Report): string {
  const hex = sha256(
    JSON.stringify({ tool: report.tool, agents: report.agents }),
  ).slice(0, 32)
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
