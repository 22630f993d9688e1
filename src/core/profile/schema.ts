import { z } from 'zod'
import { FACTOR_IDS } from '../aivss/factors.js'
import { MITIGATION_LEVELS, THREAT_LEVELS } from '../aivss/multipliers.js'

/**
 * The one agent profile that every manifest format produces. Formats differ
 * wildly; everything after parsing (estimation, MAESTRO, policy, reports)
 * reads only this.
 *
 * Tri-state on purpose: a control or capability that the manifest does not
 * mention is `undefined` ("not stated"), never `false`. Estimation and the
 * threat model treat the two differently.
 */

export const TOOL_KINDS = [
  'shell',
  'code-exec',
  'file-read',
  'file-write',
  'network',
  'browser',
  'database',
  'email',
  'payments',
  'cloud-admin',
  'search',
  'mcp-server',
  'agent-call',
  'other',
] as const
export const ToolKindSchema = z.enum(TOOL_KINDS)
export type ToolKind = z.infer<typeof ToolKindSchema>

export const CONTROLS = [
  'guardrails',
  'humanApproval',
  'sandbox',
  'logging',
  'authentication',
  'rateLimits',
  'allowlists',
] as const
export const ControlSchema = z.enum(CONTROLS)
export type Control = z.infer<typeof ControlSchema>

/**
 * The profile fields a format cites the line of (`evidence`): a closed set,
 * so a misspelt field is a type error rather than a citation nothing reads.
 */
export const EVIDENCE_FIELDS = [
  'name',
  'model',
  'instructions',
  'tools',
  'skills',
  'memory',
  'subAgents',
  'delegation',
  'identity',
  'triggers',
  'autonomy',
  'exposure',
  ...CONTROLS.map((control) => `controls.${control}` as const),
] as const
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number]

export const ControlsSchema = z.partialRecord(ControlSchema, z.boolean())
export type Controls = z.infer<typeof ControlsSchema>

/** An MCP server or other process/endpoint behind a tool. */
export const ToolServerSchema = z.object({
  transport: z.enum(['stdio', 'http', 'sse', 'unknown']),
  command: z.string().optional(),
  args: z.array(z.string()).optional(),
  url: z.string().optional(),
  /** Names of environment variables and headers it receives; never values. */
  env: z.array(z.string()).optional(),
  /** Whether the package or image is pinned to a version or digest. */
  pinned: z.boolean().optional(),
})
export type ToolServer = z.infer<typeof ToolServerSchema>

export const ToolSchema = z.object({
  name: z.string(),
  kind: ToolKindSchema,
  description: z.string().optional(),
  line: z.number().int().positive().optional(),
  /** The tool requires a human to approve each call. */
  requiresApproval: z.boolean().optional(),
  /**
   * Why `requiresApproval` has its value when the manifest's own line does
   * not say: the host's documented default ("host default: Claude Code asks
   * before running Bash") or a settings file that governs the agent.
   */
  approvalSource: z.string().optional(),
  /** The tool only reads; undefined when the manifest does not say. */
  readOnly: z.boolean().optional(),
  /** Stands for every tool of its source (`*`, `mcp__*`, an omitted list). */
  wildcard: z.boolean().optional(),
  /** Where its capability comes from, when the manifest says. */
  source: z
    .enum(['builtin', 'mcp', 'openapi', 'code', 'a2a', 'plugin', 'declared'])
    .optional(),
  server: ToolServerSchema.optional(),
})
export type Tool = z.infer<typeof ToolSchema>

export const MEMORY_KINDS = ['none', 'session', 'persistent'] as const
export const MemorySchema = z.object({
  /** Undefined: the manifest does not say. */
  kind: z.enum(MEMORY_KINDS).optional(),
  stores: z.array(z.string()),
  /** The agent can write to its long-term memory (not only read it). */
  writable: z.boolean().optional(),
})
export type Memory = z.infer<typeof MemorySchema>

export const DELEGATION_MODES = [
  'sequential',
  'parallel',
  'loop',
  'hierarchical',
  'handoff',
  'swarm',
  'router',
  'group-chat',
] as const
export const DelegationSchema = z.object({
  canDelegate: z.boolean().optional(),
  mode: z.enum(DELEGATION_MODES).optional(),
  /** Agents it reaches that are not its own sub-agents (peers, remote A2A agents). */
  peers: z.array(z.string()),
  /** It discovers or chooses agents at run time rather than from a fixed list. */
  dynamic: z.boolean().optional(),
})
export type Delegation = z.infer<typeof DelegationSchema>

export const IDENTITY_KINDS = [
  'fixed',
  'scoped',
  'delegated',
  'dynamic',
] as const
export const IdentitySchema = z.object({
  /**
   * fixed: one service identity; scoped: per-tool credentials; delegated: acts
   * on behalf of its users; dynamic: assumes roles or crosses tenants.
   */
  kind: z.enum(IDENTITY_KINDS).optional(),
  /** Inbound authentication schemes (oauth2, apiKey, mtls, none…). */
  authSchemes: z.array(z.string()),
  /** Names of the credentials it holds (secret and env names, never values). */
  credentials: z.array(z.string()),
})
export type Identity = z.infer<typeof IdentitySchema>

export const REACH_LEVELS = ['public', 'internal', 'local'] as const
export const ExposureSchema = z.object({
  /** public: internet endpoint or channel; internal: a private network service; local: CLI or IDE. */
  reach: z.enum(REACH_LEVELS).optional(),
  channels: z.array(z.string()),
  endpoint: z.string().optional(),
  /** It reads content others wrote (web pages, email, tickets, documents). */
  untrustedInput: z.boolean().optional(),
  /** Its inputs are filtered or schema-validated before the model sees them. */
  inputFiltering: z.boolean().optional(),
})
export type Exposure = z.infer<typeof ExposureSchema>

export const ModelSchema = z.object({
  name: z.string().optional(),
  provider: z.string().optional(),
  temperature: z.number().optional(),
  seed: z.number().optional(),
  /** Any of the above is an unresolved placeholder (`${VAR}`, `=Env.X`). */
  unresolved: z.boolean().optional(),
})
export type Model = z.infer<typeof ModelSchema>

export const SkillSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
})
export type Skill = z.infer<typeof SkillSchema>

export const TRIGGERS = [
  'chat',
  'schedule',
  'webhook',
  'event',
  'ci',
  'api',
] as const
export const TriggerSchema = z.enum(TRIGGERS)
export type Trigger = z.infer<typeof TriggerSchema>

export const AutonomySchema = z.object({
  /** Loop or turn cap, when declared. */
  maxIterations: z.number().optional(),
  /** The harness's own permission mode (bypassPermissions, never, full-auto…). */
  permissionMode: z.string().optional(),
  /** The agent plans or reasons explicitly (planning, reasoning, ReAct). */
  planning: z.boolean().optional(),
  /** It writes and runs code of its own. */
  codeExecution: z.boolean().optional(),
  /** It can change its own prompt, memory rules or configuration. */
  selfEditing: z.boolean().optional(),
})
export type Autonomy = z.infer<typeof AutonomySchema>

export const ThreatMultiplierSchema = z.union([
  z.number().min(0).max(1),
  z.enum(THREAT_LEVELS),
])

export const VulnerabilitySchema = z.object({
  title: z.string(),
  vector: z.string(),
})
export type DeclaredVulnerability = z.infer<typeof VulnerabilitySchema>

const DeclarationSourceSchema = z.object({
  file: z.string(),
  line: z.number().optional(),
})

/** AIVSS data a manifest or sidecar declares, already validated. */
export const DeclaredAivssSchema = z.object({
  factors: z.partialRecord(z.enum(FACTOR_IDS), z.number().min(0).max(1)),
  /** Where each declared factor was written, for the report. */
  factorSources: z.partialRecord(z.enum(FACTOR_IDS), DeclarationSourceSchema),
  vulnerabilities: z.array(VulnerabilitySchema),
  threatMultiplier: ThreatMultiplierSchema.optional(),
  mitigation: z.enum(MITIGATION_LEVELS).optional(),
  mitigationReason: z.string().optional(),
  /** A CVSS v4.0 vector, or 'none' for the agent-only score. */
  baseline: z.string().optional(),
  /** Where threatMultiplier, mitigation and baseline were declared. */
  settingSources: z
    .partialRecord(
      z.enum(['threatMultiplier', 'mitigation', 'baseline']),
      DeclarationSourceSchema,
    )
    .optional(),
  /**
   * Controls set by the aivss layer (a sidecar's or a descriptor's
   * `controls`), each with what the manifest itself said (`native`,
   * undefined: not stated), so that the agent can be scored without them.
   */
  controls: z
    .partialRecord(
      ControlSchema,
      DeclarationSourceSchema.extend({
        value: z.boolean(),
        native: z.boolean().optional(),
      }),
    )
    .optional(),
  /**
   * Safeguards a descriptor claims for its tools and inputs, by key:
   * `tool.<name>.requiresApproval`, `tool.<name>.readOnly` (declared true),
   * `exposure.inputFiltering` (declared true).
   */
  safeguards: z.record(z.string(), DeclarationSourceSchema).optional(),
  /** Where the declaration came from (the manifest or its sidecar). */
  from: z.array(z.string()),
})
export type DeclaredAivss = z.infer<typeof DeclaredAivssSchema>

export const AgentProfileSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  /** Format id of the module that produced it (`aivss-descriptor`, `crewai`…). */
  format: z.string(),
  source: z.object({
    /** Path relative to the scan root, with forward slashes. */
    file: z.string(),
    line: z.number().int().positive(),
  }),
  model: ModelSchema,
  instructions: z.string().optional(),
  skills: z.array(SkillSchema),
  tools: z.array(ToolSchema),
  /** The manifest leaves the tool list open: the agent gets every tool. */
  allTools: z.boolean().optional(),
  /**
   * What an open tool list stands for, when the host's own tool table is
   * known: its built-in tools, each with the host's default approval.
   */
  openList: z.array(ToolSchema).optional(),
  memory: MemorySchema,
  subAgents: z.array(z.string()),
  /** Name of the agent that delegates to this one, when the manifest links them. */
  parent: z.string().optional(),
  delegation: DelegationSchema,
  identity: IdentitySchema,
  controls: ControlsSchema,
  exposure: ExposureSchema,
  triggers: z.array(TriggerSchema),
  autonomy: AutonomySchema,
  /** Field (dotted path) → line, for evidence in reports. */
  evidence: z.record(z.string(), z.number()),
  /**
   * Field (dotted path) → where its value came from when no line of the
   * manifest set it: the host's documented default or a settings file in
   * the same tree, cited ("host default: Codex runs commands in a
   * workspace-write sandbox"). Reports show it where they would show a line.
   */
  defaults: z.record(z.string(), z.string()).optional(),
  /** What the manifest cannot tell: capabilities bound in code, placeholders… */
  notes: z.array(z.string()),
  /** Files of prose context (AGENTS.md) that cover this agent's tree. */
  context: z.array(z.string()),
  aivss: DeclaredAivssSchema.optional(),
})
export type AgentProfile = z.infer<typeof AgentProfileSchema>
