import type { FactorId } from '../aivss/factors.js'
import type { SignalId } from '../signals/signals.js'

/**
 * The factor estimation table, kept as data: each row names the signal it
 * reacts to, the factor it moves, how, and why. The estimator applies rows in
 * three phases, so their order here does not matter:
 *   1. `atLeast` rows raise the factor to a floor (the strongest wins);
 *   2. `add` rows shift it: up, or down (declared controls) to no lower than
 *      `floor`, and a shift down never lifts a value already below `floor`;
 *   3. `atMost` rows cap it;
 *   4. `bump` rows add after the caps, for what no cap may hide.
 * Floors come from capabilities and shifts down and caps from declared
 * controls and stated limits, so more capability never lowers a factor.
 * Every factor starts from a base that says what is assumed when the
 * manifest is silent: unknown is not zero.
 */

export interface FactorBase {
  readonly value: number
  /** Said when no row fires: what the silence is taken to mean. */
  readonly assumption: string
}

export type RuleEffect =
  | { readonly atLeast: number }
  | { readonly add: number; readonly floor?: number }
  | {
      readonly atMost: number
      /**
       * The cap bounds what the structure shows, not what the agent's own
       * prose claims where the structure is silent (no tools listed at all).
       */
      readonly proseMayExceed?: boolean
    }
  | { readonly bump: number }

export interface FactorRule {
  readonly id: string
  readonly factor: FactorId
  readonly signal: SignalId
  readonly effect: RuleEffect
  /** Why the signal moves the factor; follows the evidence in the rationale. */
  readonly because: string
}

export const FACTOR_BASES: Readonly<Record<FactorId, FactorBase>> = {
  autonomyOfAction: {
    value: 0.4,
    assumption:
      'not stated: an LLM agent picks its own next step, so it is assumed to act alone within its task',
  },
  goalDrivenPlanning: {
    value: 0.4,
    assumption:
      'not stated: assumed to plan short multi-step tasks from its instructions',
  },
  naturalLanguageInterface: {
    value: 0.8,
    assumption:
      'not stated: an LLM agent takes natural-language input that steers what it does',
  },
  selfModification: {
    value: 0.1,
    assumption: 'not stated: assumed a static configuration it cannot change',
  },
  dynamicToolUse: {
    value: 0.3,
    assumption:
      'not stated: tools are not listed, assumed a few scoped integrations',
  },
  persistentMemory: {
    value: 0.4,
    assumption:
      'not stated: assumed to keep state across the steps of a session',
  },
  contextualAwareness: {
    value: 0.4,
    assumption:
      'not stated: its context is assumed to be the conversation and its instructions',
  },
  dynamicIdentity: {
    value: 0.1,
    assumption: 'not stated: assumed to run under one fixed identity',
  },
  multiAgentInteractions: {
    value: 0.1,
    assumption: 'not stated: no other agents declared, assumed to work alone',
  },
  nonDeterminism: {
    value: 0.6,
    assumption:
      'not stated: sampling settings are not declared, so model defaults (non-zero temperature) are assumed',
  },
  opacityReflexivity: {
    value: 0.6,
    assumption:
      'not stated: no logging or tracing is declared, so its reasoning is assumed to be only partly traceable',
  },
}

type Row = readonly [
  id: string,
  signal: SignalId,
  effect: RuleEffect,
  because: string,
]

function rows(factor: FactorId, table: readonly Row[]): FactorRule[] {
  return table.map(([id, signal, effect, because]) => ({
    id,
    factor,
    signal,
    effect,
    because,
  }))
}

// One row per rule, kept on one line each so the table reads as a table.
// prettier-ignore
export const FACTOR_RULES: readonly FactorRule[] = [
  ...rows('autonomyOfAction', [
    ['AUT-01', 'tools.sideEffectsUnapproved', { atLeast: 0.7 }, 'it decides on its own when to change things'],
    ['AUT-15', 'tools.sideEffects', { atLeast: 0.5 }, 'it proposes changes that a human approves'],
    ['AUT-02', 'tools.highAuthorityUnapproved', { atLeast: 0.8 }, 'it can act on critical systems with nobody in the way'],
    ['AUT-16', 'tools.highAuthority', { atLeast: 0.6 }, 'it can act on critical systems, one approved call at a time'],
    ['AUT-03', 'text.autonomous', { atLeast: 0.8 }, 'its own description claims autonomous action'],
    ['AUT-04', 'agents.many', { atLeast: 0.7 }, 'it directs other agents, which act on its decisions'],
    ['AUT-05', 'text.orchestration', { atLeast: 0.7 }, 'it directs other agents, which act on its decisions'],
    ['AUT-06', 'autonomy.bypass', { atLeast: 0.9 }, 'the harness does not stop for confirmation'],
    ['AUT-07', 'tools.all', { atLeast: 0.6 }, 'nothing limits which tools it picks'],
    ['AUT-14', 'text.actions', { atLeast: 0.6 }, 'it acts in other systems'],
    ['AUT-08', 'autonomy.unattended', { add: 0.1 }, 'nobody is watching when it runs'],
    ['AUT-09', 'control.humanApproval', { add: -0.2, floor: 0.2 }, 'a human approves its consequential actions'],
    ['AUT-11', 'control.sandbox', { add: -0.1, floor: 0.3 }, 'its actions are confined to a sandbox'],
    ['AUT-13', 'exposure.structured', { add: -0.1, floor: 0.2 }, 'its inputs are constrained before it acts'],
    ['AUT-12', 'tools.readOnly', { atMost: 0.4 }, 'it can only read, so its actions change nothing'],
    ['AUT-17', 'tools.none', { atMost: 0.4, proseMayExceed: true }, 'it lists no tools, so nothing shows it acting'],
    ['AUT-19', 'tools.noneStated', { atMost: 0.4 }, 'its tool list is empty: it can do less than a reader, so its prose cannot lift it further'],
    ['AUT-18', 'autonomy.bypass', { bump: 0.2 }, 'nothing it does waits for a person'],
  ]),
  ...rows('goalDrivenPlanning', [
    ['PLN-01', 'tools.sideEffects', { atLeast: 0.5 }, 'choosing among tools means planning steps'],
    ['PLN-02', 'text.planning', { atLeast: 0.7 }, 'it plans or automates multi-step work'],
    ['PLN-03', 'text.orchestration', { atLeast: 0.7 }, 'it breaks goals into tasks for other agents'],
    ['PLN-04', 'agents.many', { atLeast: 0.7 }, 'it breaks goals into tasks for other agents'],
    ['PLN-05', 'autonomy.planning', { atLeast: 0.8 }, 'planning is switched on explicitly'],
    ['PLN-10', 'tools.code', { atLeast: 0.7 }, 'writing and testing code is an open-ended loop of plans'],
    ['PLN-07', 'agents.dynamic', { add: 0.1 }, 'it chooses collaborators as it plans'],
    ['PLN-09', 'text.deterministic', { add: -0.2, floor: 0.1 }, 'it follows fixed steps'],
    ['PLN-08', 'autonomy.shortLoops', { atMost: 0.5 }, 'a tight iteration cap bounds its plans'],
  ]),
  ...rows('naturalLanguageInterface', [
    ['NLI-01', 'prose.instructions', { atLeast: 0.8 }, 'prompts drive its behaviour'],
    ['NLI-02', 'tools.sideEffectsUnapproved', { atLeast: 0.9 }, 'natural language decides which tools run'],
    ['NLI-07', 'tools.sideEffects', { atLeast: 0.8 }, 'natural language proposes which tools run'],
    ['NLI-03', 'tools.highAuthorityUnapproved', { atLeast: 1 }, 'natural language directly drives high-authority tool calls'],
    ['NLI-04', 'text.channels', { add: 0.1 }, 'it takes free text from people on open channels'],
    ['NLI-08', 'autonomy.bypass', { bump: 0.1 }, 'text it reads drives tool calls that nobody confirms'],
    ['NLI-05', 'exposure.structured', { add: -0.3, floor: 0.2 }, 'structured inputs narrow what text can steer'],
  ]),
  ...rows('selfModification', [
    ['SMD-01', 'memory.writable', { atLeast: 0.3 }, 'what it writes to memory changes its later behaviour'],
    ['SMD-02', 'tools.fileWrite', { atLeast: 0.4 }, 'it can write files, possibly its own configuration'],
    ['SMD-03', 'text.selfImprove', { atLeast: 0.5 }, 'it adapts its own behaviour'],
    ['SMD-04', 'autonomy.selfEditing', { atLeast: 0.6 }, 'it rewrites its own prompt, memory rules or configuration'],
    ['SMD-05', 'text.codeGeneration', { atLeast: 0.6 }, 'it writes and runs code, which changes its control flow'],
    ['SMD-06', 'tools.code', { atLeast: 0.7 }, 'it writes and runs code, which changes its control flow'],
    ['SMD-07', 'control.sandbox', { add: -0.1, floor: 0.1 }, 'a sandbox keeps generated code away from its own setup'],
  ]),
  ...rows('dynamicToolUse', [
    ['TOL-01', 'tools.readOnly', { atLeast: 0.3 }, 'read-only tools'],
    ['TOL-11', 'tools.noneStated', { atMost: 0.1 }, 'it holds no tools'],
    ['TOL-02', 'tools.sideEffects', { atLeast: 0.5 }, 'it mixes read and write tools'],
    ['TOL-03', 'text.actions', { atLeast: 0.6 }, 'it acts on external systems'],
    ['TOL-04', 'tools.mcp', { atLeast: 0.6 }, 'tool servers expose tools it picks at run time'],
    ['TOL-12', 'tools.browser', { atLeast: 0.7 }, "a browser reaches any site, with its user's sessions"],
    ['TOL-05', 'tools.highAuthority', { atLeast: 0.8 }, 'broad, high-authority tools'],
    ['TOL-06', 'tools.all', { atLeast: 0.9 }, 'every tool of the host is available'],
    ['TOL-07', 'tools.many', { add: 0.1 }, 'a large tool surface'],
    ['TOL-08', 'tools.broad', { add: 0.1 }, 'tools of many kinds'],
    ['TOL-09', 'control.allowlists', { add: -0.1, floor: 0.2 }, 'allowlists narrow what the tools may reach'],
    ['TOL-10', 'control.sandbox', { add: -0.1, floor: 0.2 }, 'the tools run in a sandbox'],
  ]),
  ...rows('persistentMemory', [
    ['MEM-01', 'text.memory', { atLeast: 0.6 }, 'it remembers across interactions'],
    ['MEM-02', 'memory.persistent', { atLeast: 0.8 }, 'long-term memory across sessions'],
    ['MEM-03', 'memory.writable', { add: 0.1 }, 'it writes what it remembers'],
    ['MEM-04', 'memory.session', { atMost: 0.5 }, 'memory ends with the session'],
    ['MEM-05', 'memory.none', { atMost: 0 }, 'it keeps no state'],
  ]),
  ...rows('contextualAwareness', [
    ['CTX-02', 'tools.context', { atLeast: 0.6 }, 'it pulls outside content into its decisions'],
    ['CTX-03', 'text.context', { atLeast: 0.6 }, 'it works from data and documents around it'],
    ['CTX-07', 'exposure.untrusted', { atLeast: 0.7 }, 'content written by others reaches its context'],
    ['CTX-04', 'tools.contextBroad', { atLeast: 0.8 }, 'broad environmental context drives it'],
    ['CTX-08', 'tools.browser', { atLeast: 0.8 }, 'the open web is its environment'],
    ['CTX-01', 'text.orchestration', { add: 0.1 }, 'it reads the outputs of the agents it directs'],
    ['CTX-05', 'exposure.channels', { add: 0.1 }, 'every channel is another input'],
    ['CTX-06', 'memory.persistent', { add: 0.1 }, 'remembered data adds to each decision'],
  ]),
  ...rows('dynamicIdentity', [
    ['IDN-01', 'identity.credentials', { atLeast: 0.3 }, 'its identity changes with the credential each tool uses'],
    ['IDN-02', 'identity.scoped', { atLeast: 0.3 }, 'it swaps scoped identities per tool'],
    ['IDN-03', 'text.actsForUsers', { atLeast: 0.5 }, "it acts under its users' identities"],
    ['IDN-04', 'identity.delegated', { atLeast: 0.5 }, "it acts under its users' identities"],
    ['IDN-05', 'identity.dynamic', { atLeast: 0.8 }, 'it assumes roles at run time'],
    ['IDN-06', 'agents.delegates', { add: 0.1 }, 'delegation passes its authority on'],
    ['IDN-07', 'identity.fixed', { atMost: 0.2 }, 'one fixed identity'],
  ]),
  ...rows('multiAgentInteractions', [
    ['MAI-01', 'agents.child', { atLeast: 0.3 }, 'another agent hands it work'],
    ['MAI-02', 'agents.exposed', { atLeast: 0.4 }, 'other agents can call it'],
    ['MAI-03', 'agents.one', { atLeast: 0.5 }, 'it coordinates with one or two known agents'],
    ['MAI-04', 'tools.agentCall', { atLeast: 0.5 }, 'it can call other agents'],
    ['MAI-05', 'agents.peers', { atLeast: 0.5 }, 'it exchanges work with peer agents'],
    ['MAI-11', 'agents.delegates', { atLeast: 0.5 }, 'it can hand work to other agents'],
    ['MAI-06', 'agents.many', { atLeast: 0.7 }, 'it orchestrates several agents'],
    ['MAI-07', 'text.orchestration', { atLeast: 0.8 }, 'it orchestrates other agents'],
    ['MAI-09', 'agents.swarm', { atLeast: 0.8 }, 'agents hand work among themselves'],
    ['MAI-10', 'agents.dynamic', { atLeast: 0.9 }, 'it picks agents at run time'],
    ['MAI-08', 'agents.delegates', { add: 0.1 }, 'delegation chains can form'],
  ]),
  ...rows('nonDeterminism', [
    ['NDT-01', 'model.temperatureHigh', { atLeast: 0.8 }, 'high sampling temperature'],
    ['NDT-02', 'agents.many', { add: 0.1 }, 'variance compounds across agents'],
    ['NDT-07', 'text.orchestration', { add: 0.1 }, 'variance compounds across agents'],
    ['NDT-03', 'control.guardrails', { add: -0.1, floor: 0.2 }, 'guardrails bound what outputs are accepted'],
    ['NDT-04', 'model.temperatureLow', { add: -0.2, floor: 0.2 }, 'low sampling temperature'],
    ['NDT-05', 'text.deterministic', { add: -0.1, floor: 0.2 }, 'it works within fixed or validated structures'],
    ['NDT-06', 'model.seed', { atMost: 0.3 }, 'a fixed seed makes runs repeatable'],
  ]),
  ...rows('opacityReflexivity', [
    ['OPQ-01', 'control.noLogging', { atLeast: 0.8 }, 'logging is switched off'],
    ['OPQ-02', 'text.orchestration', { add: 0.1 }, 'decisions spread across agents are harder to trace'],
    ['OPQ-03', 'agents.many', { add: 0.1 }, 'decisions spread across agents are harder to trace'],
    ['OPQ-04', 'tools.remote', { add: 0.1 }, 'remote components do their work out of sight'],
    ['OPQ-05', 'text.opaque', { add: 0.1 }, 'its internals are not open to inspection'],
    ['OPQ-06', 'prose.missing', { add: 0.1 }, 'nothing says what it is for'],
    ['OPQ-07', 'control.logging', { add: -0.2, floor: 0.1 }, 'its actions are logged, though not its reasoning'],
    ['OPQ-08', 'text.observability', { add: -0.1, floor: 0.1 }, 'monitoring or evaluation is described'],
  ]),
]

/** The rows of one factor. */
export function rulesFor(factor: FactorId): FactorRule[] {
  return FACTOR_RULES.filter((rule) => rule.factor === factor)
}
