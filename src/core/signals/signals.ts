import type {
  AgentProfile,
  Control,
  Tool,
  ToolKind,
} from '../profile/schema.js'
import {
  CONTEXT_KINDS,
  HIGH_AUTHORITY_KINDS,
  isReadOnlyTool,
  changesThings,
} from '../profile/tool-kinds.js'
import { isModelAlias } from '../manifest/models.js'
import {
  answersFor,
  findText,
  proseOf,
  type TextMatch,
  type TextSignal,
} from './text.js'

/**
 * The signal vocabulary: facts about a profile that rules react to. A signal
 * either does not fire (undefined) or fires with the evidence that shows it,
 * written so that it can stand in a report ("tools: run_sql (database, line 8)").
 */
export type SignalFn = (facts: ProfileFacts) => string | undefined

/** Derived once per profile so that signals stay one-liners. */
export class ProfileFacts {
  readonly prose: ReadonlyArray<readonly [string, string]>
  /** Its tools, with those an open tool list stands for (see hostTools). */
  readonly tools: readonly Tool[]
  readonly kinds: ReadonlySet<ToolKind>
  readonly sideEffectTools: readonly Tool[]
  readonly unapprovedSideEffects: readonly Tool[]

  private readonly cache = new Map<SignalId, string | undefined>()
  private answers: Map<TextSignal, TextMatch | undefined> | undefined

  constructor(readonly profile: AgentProfile) {
    this.prose = proseOf(profile)
    this.tools = profile.allTools
      ? [...profile.tools, ...hostTools(profile)]
      : profile.tools
    this.kinds = new Set(this.tools.map((t) => t.kind))
    this.sideEffectTools = this.tools.filter(changesThings)
    this.unapprovedSideEffects = this.sideEffectTools.filter(
      (t) => t.requiresApproval !== true,
    )
  }

  /**
   * The evidence of a signal, or undefined when it does not fire; computed
   * once per profile, since estimation, the baseline vector, the mitigation
   * factor and the threat model all ask.
   */
  signal(id: SignalId): string | undefined {
    if (!this.cache.has(id)) this.cache.set(id, SIGNALS[id](this))
    return this.cache.get(id)
  }

  /**
   * ` (line N)` when the field's line is known, else ` (host default: …)`
   * when the host's documented default or a settings file set it.
   */
  at(field: string): string {
    const line = this.profile.evidence[field]
    if (line !== undefined) return ` (line ${line})`
    const source = this.profile.defaults?.[field]
    return source === undefined ? '' : ` (${source})`
  }

  control(control: Control): boolean | undefined {
    return this.profile.controls[control]
  }

  /**
   * What the agent's prose says about `signal`, unless a structured field
   * of the manifest already speaks to it: a stated tool list outranks
   * "executes actions", a stated memory "remembers past conversations".
   */
  text(signal: TextSignal): string | undefined {
    if (STRUCTURE_SPEAKS[signal]?.(this)) return undefined
    this.answers ??= answersFor(this.prose)
    let match = this.answers.get(signal)
    if (!this.answers.has(signal)) {
      match = findText(this.prose, signal)
      this.answers.set(signal, match)
    }
    if (!match) return undefined
    const field = match.field.startsWith('skills.')
      ? `skill ${match.field.slice(7)}`
      : match.field
    return `${field} says "${match.phrase.toLowerCase()}"`
  }

  get subAgentCount(): number {
    return this.profile.subAgents.length
  }
}

function toolList(tools: readonly Tool[], limit = 3): string {
  const shown = tools
    .slice(0, limit)
    .map((t) => `${t.name} (${t.kind}${t.line ? `, line ${t.line}` : ''})`)
  const more = tools.length > limit ? ` and ${tools.length - limit} more` : ''
  return shown.join(', ') + more
}

function toolsOf(facts: ProfileFacts, kinds: ReadonlySet<ToolKind>): Tool[] {
  return facts.tools.filter((t) => kinds.has(t.kind))
}

/**
 * What an open tool list (`allTools`: no `tools` line, `*`) holds at least:
 * the host's shell, file writes and fetches. Leaving the list out gives the
 * agent more than naming those tools does, so it must not score lower
 * (dropping `tools: Bash, Write, WebFetch` would otherwise take a Critical
 * agent to High).
 */
function hostTools(profile: AgentProfile): Tool[] {
  if (profile.openList && profile.openList.length > 0) return profile.openList
  // Every kind, even one a listed tool has: a listed tool may be narrower
  // (read-only, approved) than the host's own.
  const line = profile.evidence.tools
  return HOST_TOOL_KINDS.map((kind) => ({
    name: 'every tool of the host',
    kind,
    wildcard: true,
    ...(line === undefined ? {} : { line }),
  }))
}

const HOST_TOOL_KINDS: readonly ToolKind[] = [
  'shell',
  'file-read',
  'file-write',
  'network',
]

const PRIVATE_DATA_KINDS: ReadonlySet<ToolKind> = new Set([
  'database',
  'file-read',
  'email',
  'mcp-server',
])
/** Kinds that read whatever their host holds, whatever else they do. */
const HOST_READER_KINDS: ReadonlySet<ToolKind> = new Set([
  'shell',
  'code-exec',
  'cloud-admin',
])
/**
 * Kinds that can send data to a destination the model picks: a way out for
 * what it read. A network tool counts unless it only reads from a service
 * of its own (GitHub's issue reads); a fetch of any URL is a way out.
 */
const EGRESS_KINDS: ReadonlySet<ToolKind> = new Set([
  'shell',
  'code-exec',
  'browser',
  'email',
  'mcp-server',
])
const FETCH_NAME =
  /fetch|http|url|request|curl|wget|browse|scrape|crawl|^web$|(^|\/)web\b/i
const DESTRUCTIVE_KINDS: ReadonlySet<ToolKind> = new Set([
  'shell',
  'code-exec',
  'cloud-admin',
  'payments',
])
const DATA_STORE_KINDS: ReadonlySet<ToolKind> = new Set([
  'database',
  'cloud-admin',
  'payments',
])
const DATA_ACCESS_KINDS: ReadonlySet<ToolKind> = new Set([
  'database',
  'file-read',
  'file-write',
  'search',
])
/** Aliases and unversioned names that the provider can repoint. */
const UNPINNED_MODEL =
  /^(inherit|default|sonnet|opus|haiku|latest|auto)$|-latest$|:latest$/i
const SELF_HOSTED_MODEL =
  /\b(ollama|vllm|llama\.cpp|huggingface|hf|local|self-?hosted|fine-?tuned|ft:)|\.gguf\b/i

const UNTRUSTED_SOURCE_KINDS: ReadonlySet<ToolKind> = new Set([
  'browser',
  'search',
  'network',
  'email',
  'mcp-server',
])
const EXTERNAL_KINDS: ReadonlySet<ToolKind> = new Set([
  'network',
  'email',
  'mcp-server',
  'browser',
])

/** A signal that fires when a control is declared with the given value. */
function declared(control: Control, value: boolean): SignalFn {
  const field = `controls.${control}`
  return (f) =>
    f.control(control) === value
      ? `${control}: ${String(value)}${f.at(field)}`
      : undefined
}

/** Tools that bring outside content in; a mail tool only if it reads mail. */
function contextTools(facts: ProfileFacts): Tool[] {
  return toolsOf(facts, CONTEXT_KINDS).filter(
    (t) => t.kind !== 'email' || readsMail(t),
  )
}

/**
 * A mail or messaging tool reads messages unless its name says it only
 * sends: `send_email`, `post_message`. The name decides, not `readOnly`:
 * taking a flag away must not make a tool read less.
 */
const SEND_ONLY =
  /^(send|reply|forward|post|notify|publish|broadcast)(?=$|[_\-\s.:/]|[A-Z])/i
function readsMail(tool: Tool): boolean {
  return !SEND_ONLY.test(tool.name.replace(/^[a-z0-9-]+(__|\/)/i, ''))
}

/** Tools of these kinds that can change things (not read-only ones). */
function writersOf(facts: ProfileFacts, kinds: ReadonlySet<ToolKind>): Tool[] {
  return toolsOf(facts, kinds).filter((t) => !isReadOnlyTool(t))
}

/** Tools that read private data: readers of private stores, and shells. */
function privateReaders(facts: ProfileFacts): Tool[] {
  return [
    ...contextTools(facts).filter((t) => PRIVATE_DATA_KINDS.has(t.kind)),
    ...toolsOf(facts, HOST_READER_KINDS),
  ]
}

/** Tools without approval that can carry data to a place the model picks. */
function egressTools(facts: ProfileFacts): Tool[] {
  return facts.tools.filter(
    (t) =>
      t.requiresApproval !== true &&
      (EGRESS_KINDS.has(t.kind) ||
        (t.kind === 'network' &&
          (!isReadOnlyTool(t) || FETCH_NAME.test(t.name)))),
  )
}

/**
 * How what a steered agent reads gets out with nobody checking: a tool
 * without approval that sends where it chooses, or answers that go to
 * people other than its own user.
 */
function wayOut(facts: ProfileFacts): string | undefined {
  if (facts.control('humanApproval') !== true) {
    const tools = egressTools(facts)
    if (tools.length > 0)
      return `it can send it where it chooses: ${toolList(tools)}`
  }
  return facts.signal('exposure.public') ?? facts.signal('exposure.channel')
}

/** Whether the manifest states its tools, even as an empty list. */
function toolsStated(facts: ProfileFacts): boolean {
  const p = facts.profile
  return (
    p.tools.length > 0 ||
    p.allTools === true ||
    p.evidence.tools !== undefined ||
    p.defaults?.tools !== undefined
  )
}

/** Which structured facts outrank each text signal. */
const STRUCTURE_SPEAKS: Partial<
  Record<TextSignal, (facts: ProfileFacts) => boolean>
> = {
  autonomous: toolsStated,
  actions: toolsStated,
  codeGeneration: (f) =>
    toolsStated(f) || f.profile.autonomy.codeExecution !== undefined,
  // Not the tool list: a shell or a file tool reads documents too, so a
  // stated list does not say the prose about its context is wrong.
  context: (f) => f.profile.exposure.untrustedInput !== undefined,
  memory: (f) => f.profile.memory.kind !== undefined,
  channels: (f) =>
    f.profile.exposure.channels.length > 0 ||
    f.profile.exposure.reach !== undefined,
  orchestration: (f) =>
    f.profile.subAgents.length > 0 ||
    f.profile.delegation.canDelegate !== undefined ||
    f.profile.delegation.mode !== undefined ||
    f.profile.delegation.peers.length > 0 ||
    f.profile.evidence.subAgents !== undefined,
  actsForUsers: (f) => f.profile.identity.kind !== undefined,
  planning: (f) => f.profile.autonomy.planning !== undefined,
  selfImprove: (f) => f.profile.autonomy.selfEditing !== undefined,
}

/** Channels on the user's own machine. */
const LOCAL_CHANNELS = /^(cli|ide|terminal|stdio|vscode|editor|desktop|local)$/i

const READ_KINDS: ReadonlySet<ToolKind> = new Set(['file-read', 'search'])
const UNATTENDED = ['schedule', 'webhook', 'event', 'ci'] as const
const BYPASS_MODES =
  /^(bypasspermissions|dontask|never|full-?auto|yolo|danger-full-access|auto|allow)$/i

export const SIGNALS = {
  // ---- tools
  'tools.none': (f) =>
    f.profile.tools.length === 0 && !f.profile.allTools
      ? 'no tools listed'
      : undefined,
  'tools.noneStated': (f) =>
    f.profile.tools.length === 0 && !f.profile.allTools && toolsStated(f)
      ? `its tool list is empty${f.at('tools')}`
      : undefined,
  'tools.all': (f) =>
    f.profile.allTools
      ? `the tool list is open: every tool of the host is available${f.at('tools')}`
      : f.profile.tools.some((t) => t.wildcard)
        ? `wildcard tool grant ${f.profile.tools.find((t) => t.wildcard)?.name ?? ''}`
        : undefined,
  'tools.readOnly': (f) =>
    f.profile.tools.length > 0 &&
    !f.profile.allTools &&
    f.profile.tools.every((t) => READ_KINDS.has(t.kind) || isReadOnlyTool(t))
      ? `only read tools: ${toolList(f.profile.tools)}`
      : undefined,
  'tools.sideEffects': (f) =>
    f.sideEffectTools.length > 0
      ? `tools that change things: ${toolList(f.sideEffectTools)}`
      : undefined,
  'tools.sideEffectsUnapproved': (f) =>
    f.unapprovedSideEffects.length > 0 && f.control('humanApproval') !== true
      ? `${toolList(f.unapprovedSideEffects)} act without a declared approval step`
      : undefined,
  'tools.highAuthority': (f) => {
    const tools = writersOf(f, HIGH_AUTHORITY_KINDS)
    return tools.length > 0
      ? `high-authority tools: ${toolList(tools)}`
      : undefined
  },
  'tools.highAuthorityUnapproved': (f) => {
    const tools = writersOf(f, HIGH_AUTHORITY_KINDS).filter(
      (t) => t.requiresApproval !== true,
    )
    return tools.length > 0 && f.control('humanApproval') !== true
      ? `high-authority tools without approval: ${toolList(tools)}`
      : undefined
  },
  'tools.many': (f) =>
    f.profile.allTools
      ? `every tool of the host${f.at('tools')}`
      : f.profile.tools.length >= 5
        ? `${f.profile.tools.length} tools`
        : undefined,
  'tools.broad': (f) => {
    const kinds = [...f.kinds].filter((k) => k !== 'other')
    return kinds.length >= 4
      ? `tools of ${kinds.length} kinds (${kinds.join(', ')})`
      : undefined
  },
  'tools.mcp': (f) => {
    const servers = f.profile.tools.filter(
      (t) => t.kind === 'mcp-server' || t.server,
    )
    return servers.length > 0
      ? `MCP/tool servers: ${toolList(servers)}`
      : undefined
  },
  'tools.remote': (f) => {
    const remote = f.profile.tools.filter((t) => t.server?.url)
    return remote.length > 0
      ? `remote tool servers it cannot inspect: ${toolList(remote)}`
      : undefined
  },
  'tools.code': (f) => {
    const tools = toolsOf(f, new Set<ToolKind>(['shell', 'code-exec']))
    if (tools.length > 0) return `code or shell tools: ${toolList(tools)}`
    return f.profile.autonomy.codeExecution
      ? `code execution enabled${f.at('autonomy')}`
      : undefined
  },
  'tools.fileWrite': (f) => {
    const tools = writersOf(f, new Set<ToolKind>(['file-write']))
    return tools.length > 0
      ? `file-writing tools: ${toolList(tools)}`
      : undefined
  },
  'tools.context': (f) => {
    const tools = contextTools(f)
    return tools.length > 0
      ? `tools that bring in outside content: ${toolList(tools)}`
      : undefined
  },
  'tools.contextBroad': (f) => {
    const kinds = [...new Set(contextTools(f).map((t) => t.kind))]
    return kinds.length >= 3
      ? `context from ${kinds.length} kinds of source (${kinds.join(', ')})`
      : undefined
  },
  'tools.browser': (f) => {
    const tools = toolsOf(f, new Set<ToolKind>(['browser']))
    return tools.length > 0 ? `browser tools: ${toolList(tools)}` : undefined
  },
  'tools.agentCall': (f) => {
    const tools = toolsOf(f, new Set<ToolKind>(['agent-call']))
    return tools.length > 0
      ? `agent-calling tools: ${toolList(tools)}`
      : undefined
  },
  'tools.destructiveAny': (f) => {
    const tools = writersOf(f, DESTRUCTIVE_KINDS)
    return tools.length > 0
      ? `tools that can break things: ${toolList(tools)}`
      : undefined
  },
  'tools.egress': (f) => {
    const tools = egressTools(f)
    return tools.length > 0
      ? `it can send data where it chooses: ${toolList(tools)}`
      : undefined
  },
  'tools.allApproved': (f) =>
    f.sideEffectTools.length > 0 && f.unapprovedSideEffects.length === 0
      ? `every tool that changes things requires approval (${toolList(f.sideEffectTools)})`
      : undefined,

  // ---- memory
  'memory.none': (f) =>
    f.profile.memory.kind === 'none'
      ? `memory: none${f.at('memory')}`
      : undefined,
  'memory.session': (f) =>
    f.profile.memory.kind === 'session'
      ? `memory: session${f.at('memory')}`
      : undefined,
  'memory.persistent': (f) =>
    f.profile.memory.kind === 'persistent'
      ? `memory: persistent${f.profile.memory.stores.length > 0 ? ` (${f.profile.memory.stores.join(', ')})` : ''}${f.at('memory')}`
      : undefined,
  'memory.writable': (f) =>
    f.profile.memory.kind === 'persistent' && f.profile.memory.writable === true
      ? `it writes to its long-term memory${f.at('memory')}`
      : undefined,
  'memory.unstated': (f) =>
    f.profile.memory.kind === undefined ? 'memory: not stated' : undefined,

  // ---- other agents
  'agents.one': (f) =>
    f.subAgentCount >= 1 && f.subAgentCount <= 2
      ? `sub-agents: ${f.profile.subAgents.join(', ')}${f.at('subAgents')}`
      : undefined,
  'agents.many': (f) =>
    f.subAgentCount >= 3
      ? `${f.subAgentCount} sub-agents: ${f.profile.subAgents.slice(0, 4).join(', ')}${f.subAgentCount > 4 ? ', ...' : ''}${f.at('subAgents')}`
      : undefined,
  'agents.delegates': (f) =>
    f.profile.delegation.canDelegate
      ? `delegation is allowed${f.at('delegation')}`
      : undefined,
  'agents.swarm': (f) => {
    const mode = f.profile.delegation.mode
    return mode === 'swarm' ||
      mode === 'group-chat' ||
      mode === 'hierarchical' ||
      mode === 'router'
      ? `delegation mode: ${mode}${f.at('delegation')}`
      : undefined
  },
  'agents.dynamic': (f) =>
    f.profile.delegation.dynamic
      ? `it discovers or picks agents at run time${f.at('delegation')}`
      : undefined,
  'agents.peers': (f) =>
    f.profile.delegation.peers.length > 0
      ? `peer agents: ${f.profile.delegation.peers.join(', ')}`
      : undefined,
  'agents.child': (f) =>
    f.profile.parent ? `sub-agent of ${f.profile.parent}` : undefined,
  'agents.exposed': (f) =>
    f.profile.format === 'a2a-agent-card'
      ? 'it is published as an A2A agent for other agents to call'
      : undefined,

  // ---- identity
  'identity.dynamic': (f) =>
    f.profile.identity.kind === 'dynamic'
      ? `identity: dynamic${f.at('identity')}`
      : undefined,
  'identity.delegated': (f) =>
    f.profile.identity.kind === 'delegated'
      ? `identity: acts on behalf of its users${f.at('identity')}`
      : undefined,
  'identity.scoped': (f) =>
    f.profile.identity.kind === 'scoped'
      ? `identity: per-tool scoped credentials${f.at('identity')}`
      : undefined,
  'identity.credentials': (f) =>
    f.profile.identity.credentials.length >= 2
      ? `holds ${f.profile.identity.credentials.length} credentials (${f.profile.identity.credentials.slice(0, 4).join(', ')})`
      : undefined,
  'identity.fixed': (f) =>
    f.profile.identity.kind === 'fixed'
      ? `identity: fixed${f.at('identity')}`
      : undefined,

  // ---- model
  'model.temperatureLow': (f) => {
    const t = f.profile.model.temperature
    return t !== undefined && t <= 0.3
      ? `temperature ${t}${f.at('model')}`
      : undefined
  },
  'model.temperatureHigh': (f) => {
    const t = f.profile.model.temperature
    return t !== undefined && t >= 0.8
      ? `temperature ${t}${f.at('model')}`
      : undefined
  },
  'model.seed': (f) =>
    f.profile.model.seed !== undefined
      ? `fixed seed ${f.profile.model.seed}${f.at('model')}`
      : undefined,

  // ---- autonomy and triggers
  'autonomy.unattended': (f) => {
    const triggers = f.profile.triggers.filter((t) =>
      (UNATTENDED as readonly string[]).includes(t),
    )
    return triggers.length > 0
      ? `runs unattended on ${triggers.join(', ')} triggers${f.at('triggers')}`
      : undefined
  },
  'autonomy.bypass': (f) => {
    const mode = f.profile.autonomy.permissionMode
    return mode && BYPASS_MODES.test(mode)
      ? `permission mode "${mode}" skips confirmation${f.at('autonomy')}`
      : undefined
  },
  'autonomy.planning': (f) =>
    f.profile.autonomy.planning
      ? `explicit planning or reasoning enabled${f.at('autonomy')}`
      : undefined,
  'autonomy.longLoops': (f) => {
    const n = f.profile.autonomy.maxIterations
    return n !== undefined && n > 15
      ? `up to ${n} iterations per task`
      : undefined
  },
  'autonomy.shortLoops': (f) => {
    const n = f.profile.autonomy.maxIterations
    return n !== undefined && n <= 5
      ? `at most ${n} iterations per task`
      : undefined
  },
  'autonomy.selfEditing': (f) =>
    f.profile.autonomy.selfEditing
      ? `it can edit its own prompt, memory rules or configuration${f.at('autonomy')}`
      : undefined,

  // ---- exposure
  'exposure.public': (f) =>
    f.profile.exposure.reach === 'public'
      ? `reachable publicly${f.profile.exposure.endpoint ? ` at ${f.profile.exposure.endpoint}` : ''}`
      : undefined,
  'exposure.channels': (f) =>
    f.profile.exposure.channels.length >= 2
      ? `talks on ${f.profile.exposure.channels.length} channels (${f.profile.exposure.channels.join(', ')})`
      : undefined,
  'exposure.untrusted': (f) =>
    f.profile.exposure.untrustedInput
      ? 'reads content written by outsiders'
      : undefined,
  'exposure.structured': (f) =>
    f.profile.exposure.inputFiltering
      ? 'its inputs are filtered or schema-validated'
      : undefined,
  'exposure.unscreened': (f) =>
    !f.profile.exposure.inputFiltering && f.control('guardrails') !== true
      ? 'no input filtering or guardrails declared'
      : undefined,
  'exposure.unstated': (f) =>
    f.profile.exposure.reach === undefined && !f.profile.parent
      ? 'reach: not stated'
      : undefined,
  'exposure.notLocal': (f) =>
    f.profile.exposure.reach !== 'local'
      ? `reach: ${f.profile.exposure.reach ?? 'not stated'}`
      : undefined,

  // ---- prose
  'prose.instructions': (f) =>
    f.profile.instructions
      ? `natural-language instructions steer it${f.at('instructions')}`
      : undefined,
  'prose.missing': (f) =>
    !f.profile.description ? 'no description of what it does' : undefined,
  'text.autonomous': (f) => f.text('autonomous'),
  'text.orchestration': (f) => f.text('orchestration'),
  'text.planning': (f) => f.text('planning'),
  'text.actions': (f) => f.text('actions'),
  'text.memory': (f) => f.text('memory'),
  'text.context': (f) => f.text('context'),
  'text.channels': (f) => f.text('channels'),
  'text.selfImprove': (f) => f.text('selfImprove'),
  'text.codeGeneration': (f) => f.text('codeGeneration'),
  'text.actsForUsers': (f) => f.text('actsForUsers'),
  'text.observability': (f) => f.text('observability'),
  'text.opaque': (f) => f.text('opaque'),
  'text.deterministic': (f) => f.text('deterministic'),

  // ---- controls (declared true or false; "not stated" is neither)
  'control.humanApproval': declared('humanApproval', true),
  'control.guardrails': declared('guardrails', true),
  'control.noGuardrails': declared('guardrails', false),
  'control.sandbox': declared('sandbox', true),
  'control.noSandbox': declared('sandbox', false),
  'control.logging': declared('logging', true),
  'control.noLogging': declared('logging', false),
  'control.allowlists': declared('allowlists', true),
  'control.authentication': declared('authentication', true),
  'control.noAuthentication': declared('authentication', false),
  'control.rateLimits': declared('rateLimits', true),

  // ---- threat-model vocabulary (which fields pin a MAESTRO layer)
  'model.declared': (f) => {
    const m = f.profile.model
    const parts = [m.provider, m.name].filter(
      (x): x is string => x !== undefined,
    )
    return parts.length > 0
      ? `model: ${parts.join('/')}${f.at('model')}`
      : undefined
  },
  'model.unpinned': (f) => {
    const m = f.profile.model
    // A host's alias (`sonnet`, `inherit`) is resolved at run time too, but
    // it is a name the host documents, not a variable to fill in.
    if (m.unresolved)
      return m.name && isModelAlias(m.name)
        ? `model alias "${m.name}" is resolved by the host at run time${f.at('model')}`
        : `model set by a placeholder${f.at('model')}`
    return m.name && UNPINNED_MODEL.test(m.name)
      ? `model alias "${m.name}" moves with the provider${f.at('model')}`
      : undefined
  },
  'model.selfHosted': (f) => {
    const text = `${f.profile.model.provider ?? ''} ${f.profile.model.name ?? ''}`
    return SELF_HOSTED_MODEL.test(text)
      ? `self-hosted or fine-tuned model: ${text.trim()}${f.at('model')}`
      : undefined
  },
  'memory.stated': (f) =>
    f.profile.memory.kind
      ? `memory: ${f.profile.memory.kind}${f.at('memory')}`
      : undefined,
  'tools.dataAccess': (f) => {
    const tools = toolsOf(f, DATA_ACCESS_KINDS)
    return tools.length > 0 ? `data tools: ${toolList(tools)}` : undefined
  },
  'tools.listed': (f) =>
    f.profile.tools.length > 0
      ? `${f.profile.tools.length} tool${f.profile.tools.length === 1 ? '' : 's'} listed${f.at('tools')}`
      : undefined,
  'tools.approvals': (f) => {
    const tools = f.profile.tools.filter(
      (t) => t.requiresApproval !== undefined,
    )
    return tools.length > 0
      ? `per-tool approval settings: ${tools
          .slice(0, 3)
          .map(
            (t) =>
              `${t.name} ${t.requiresApproval ? 'needs approval' : 'auto-approved'}`,
          )
          .join(', ')}`
      : undefined
  },
  'tools.unpinnedServers': (f) => {
    const tools = f.profile.tools.filter((t) => t.server?.pinned === false)
    return tools.length > 0
      ? `unpinned tool servers: ${toolList(tools)}`
      : undefined
  },
  'tools.remoteNoAuth': (f) => {
    const tools = f.profile.tools.filter(
      (t) =>
        t.server?.url &&
        t.server.transport !== 'stdio' &&
        (t.server.env ?? []).length === 0,
    )
    return tools.length > 0
      ? `remote tool servers with no credentials declared: ${toolList(tools)}`
      : undefined
  },
  'deployment.servers': (f) => {
    const tools = f.profile.tools.filter(
      (t) => t.server && (t.server.command || t.server.url),
    )
    return tools.length > 0
      ? `tool servers: ${tools
          .slice(0, 3)
          .map((t) => `${t.name} (${t.server?.command ?? t.server?.url ?? ''})`)
          .join(', ')}`
      : undefined
  },
  'deployment.images': (f) => {
    const tools = f.profile.tools.filter((t) =>
      /^(docker|podman)$/.test(t.server?.command ?? ''),
    )
    return tools.length > 0
      ? `container images run as tool servers: ${toolList(tools)}`
      : undefined
  },
  'identity.credentialsAny': (f) => {
    const names = f.profile.identity.credentials
    return names.length > 0
      ? `credentials: ${names.slice(0, 4).join(', ')}${names.length > 4 ? ', ...' : ''}`
      : undefined
  },
  'exposure.reachStated': (f) =>
    f.profile.exposure.reach
      ? `reach: ${f.profile.exposure.reach}${f.profile.exposure.endpoint ? ` (${f.profile.exposure.endpoint})` : ''}`
      : f.profile.exposure.endpoint
        ? `endpoint: ${f.profile.exposure.endpoint}`
        : undefined,
  'autonomy.permissionMode': (f) =>
    f.profile.autonomy.permissionMode
      ? `permission mode: ${f.profile.autonomy.permissionMode}${f.at('autonomy')}`
      : undefined,
  'autonomy.iterationCap': (f) =>
    f.profile.autonomy.maxIterations !== undefined
      ? `iteration cap: ${f.profile.autonomy.maxIterations}`
      : undefined,
  'framework.format': (f) =>
    f.profile.format !== 'aivss-descriptor'
      ? `declared as a ${f.profile.format} agent`
      : undefined,
  'control.noHumanApproval': declared('humanApproval', false),
  'purpose.security': (f) => f.text('securityPurpose'),

  // ---- exposure and reach (for the baseline vector and the threat model)
  'exposure.internal': (f) =>
    f.profile.exposure.reach === 'internal'
      ? `reach: internal${f.at('exposure')}`
      : undefined,
  'exposure.local': (f) =>
    f.profile.exposure.reach === 'local'
      ? `reach: local${f.at('exposure')}`
      : undefined,
  'exposure.channel': (f) => {
    // A local agent's chat is its user at the keyboard, and a channel on the
    // user's own machine (a CLI, an IDE) is not open to others.
    const reach = f.profile.exposure.reach
    if (reach === 'local' || reach === 'internal') return undefined
    const channels = f.profile.exposure.channels.filter(
      (c) => !LOCAL_CHANNELS.test(c),
    )
    if (channels.length > 0) return `channels: ${channels.join(', ')}`
    const open = f.profile.triggers.filter(
      (t) => t === 'chat' || t === 'webhook' || t === 'api',
    )
    return open.length > 0 ? `started by ${open.join(', ')}` : undefined
  },
  'auth.declared': (f) => {
    const schemes = f.profile.identity.authSchemes.filter(
      (s) => !/^(none|anonymous)$/i.test(s),
    )
    if (schemes.length > 0) return `auth schemes: ${schemes.join(', ')}`
    return f.control('authentication') === true
      ? `authentication: true${f.at('controls.authentication')}`
      : undefined
  },
  'auth.none': (f) => {
    if (f.control('authentication') === false)
      return `authentication: false${f.at('controls.authentication')}`
    const schemes = f.profile.identity.authSchemes
    return schemes.length > 0 &&
      schemes.every((s) => /^(none|anonymous)$/i.test(s))
      ? 'auth schemes: none'
      : undefined
  },
  'data.private': (f) => {
    const readers = privateReaders(f)
    if (readers.length > 0) return `it reads private data: ${toolList(readers)}`
    const memory = f.profile.memory
    return memory.kind === 'persistent'
      ? `it keeps long-term memory${memory.stores.length > 0 ? ` (${memory.stores.join(', ')})` : ''}`
      : undefined
  },
  'data.exposed': (f) => {
    const reads = f.signal('data.private')
    if (reads === undefined) return undefined
    const out = wayOut(f)
    return out === undefined ? undefined : `${reads}; ${out}`
  },
  'tools.destructive': (f) => {
    const tools = writersOf(f, DESTRUCTIVE_KINDS).filter(
      (t) => t.requiresApproval !== true,
    )
    return tools.length > 0 && f.control('humanApproval') !== true
      ? `tools that can break things, without approval: ${toolList(tools)}`
      : undefined
  },
  'reach.dataStores': (f) => {
    const tools = toolsOf(f, DATA_STORE_KINDS)
    return tools.length > 0
      ? `systems holding data beyond itself: ${toolList(tools)}`
      : undefined
  },
  'reach.dataStoresExposed': (f) => {
    const stores = f.signal('reach.dataStores')
    if (stores === undefined) return undefined
    const out = wayOut(f)
    return out === undefined ? undefined : `${stores}; ${out}`
  },
  'reach.writesBeyondAny': (f) => {
    const tools = writersOf(f, DATA_STORE_KINDS)
    return tools.length > 0
      ? `it changes other systems: ${toolList(tools)}`
      : undefined
  },
  'reach.writesBeyond': (f) => {
    const tools = writersOf(f, DATA_STORE_KINDS).filter(
      (t) => t.requiresApproval !== true,
    )
    return tools.length > 0 && f.control('humanApproval') !== true
      ? `it changes other systems without approval: ${toolList(tools)}`
      : undefined
  },
  'reach.external': (f) => {
    const tools = toolsOf(f, EXTERNAL_KINDS)
    return tools.length > 0
      ? `it reaches external services: ${toolList(tools)}`
      : undefined
  },
  'content.untrusted': (f) => {
    if (f.profile.exposure.untrustedInput)
      return 'it reads content written by outsiders'
    const tools = f.tools.filter(
      (t) =>
        UNTRUSTED_SOURCE_KINDS.has(t.kind) &&
        (t.kind !== 'email' || readsMail(t)),
    )
    return tools.length > 0
      ? `it reads content others wrote: ${toolList(tools)}`
      : undefined
  },
  'agents.any': (f) => {
    const p = f.profile
    const names = [...p.subAgents, ...p.delegation.peers]
    if (names.length > 0)
      return `other agents: ${names.slice(0, 4).join(', ')}${names.length > 4 ? ', ...' : ''}`
    if (p.delegation.canDelegate)
      return `delegation is allowed${f.at('delegation')}`
    const callers = toolsOf(f, new Set<ToolKind>(['agent-call']))
    if (callers.length > 0) return `agent-calling tools: ${toolList(callers)}`
    return f.text('orchestration')
  },
} satisfies Record<string, SignalFn>

export type SignalId = keyof typeof SIGNALS
