import type { Control } from '../profile/schema.js'
import type { SignalId } from '../signals/signals.js'
import type { AsiId, LayerNumber, OwaspThreatId } from './catalog.js'

/**
 * The MAESTRO rule table, kept as data. Three parts:
 *  - LAYER_PINS: the signals (manifest fields) that pin a layer down;
 *  - THREAT_RULES: one row per rule: the signals that must all fire (and
 *    the ones that must not), the layer, the published threat label, the
 *    OWASP ids, what it means for this agent, and the mitigations to look for;
 *  - CROSS_LAYER_RULES: dangerous combinations across layers.
 * Threat text is written for the agent at hand: the evidence that fired is
 * put in front of it by the builder.
 */

export interface Mitigation {
  readonly text: string
  /** A declared control that provides it; without one it is advice. */
  readonly control?: Control
}

export interface ThreatRule {
  readonly id: string
  readonly layer: LayerNumber
  readonly when: readonly SignalId[]
  readonly unless?: readonly SignalId[]
  readonly label: string
  readonly owasp: readonly OwaspThreatId[]
  readonly asi: readonly AsiId[]
  readonly text: string
  readonly mitigations: readonly Mitigation[]
}

export interface CrossLayerRule extends Omit<ThreatRule, 'layer'> {
  readonly layers: readonly LayerNumber[]
}

export const LAYER_PINS: Readonly<Record<LayerNumber, readonly SignalId[]>> = {
  1: ['model.declared'],
  2: ['memory.stated', 'data.private', 'tools.dataAccess'],
  3: [
    'framework.format',
    'tools.listed',
    'tools.all',
    'prose.instructions',
    'agents.delegates',
    'autonomy.planning',
    'autonomy.iterationCap',
  ],
  4: [
    'control.sandbox',
    'control.noSandbox',
    'deployment.servers',
    'identity.credentialsAny',
    'exposure.reachStated',
    'autonomy.permissionMode',
  ],
  5: ['control.logging', 'control.noLogging', 'text.observability'],
  6: [
    'auth.declared',
    'auth.none',
    'control.humanApproval',
    'control.noHumanApproval',
    'control.guardrails',
    'control.noGuardrails',
    'control.allowlists',
    'control.rateLimits',
    'tools.approvals',
  ],
  7: [
    'agents.any',
    'agents.exposed',
    'tools.mcp',
    'reach.external',
    'exposure.channel',
    'exposure.public',
  ],
}

/** Said first, in these words, for a layer nothing in the manifest pins down. */
export const NOT_CERTAIN = 'Not certain from the manifest'

export const LAYER_COMMENTARY: Readonly<Record<LayerNumber, string>> = {
  1: 'no model is named. Whatever model runs it brings the usual model-level risks: crafted inputs that override its instructions, jailbreaks, and cost or latency abuse. Provider-side threats (model theft, membership inference, poisoned training data) cannot be judged from a manifest.',
  2: 'no memory, retrieval or data store is declared. If the runtime adds long-term memory or retrieval, poisoning and exfiltration of that store become its main data risks.',
  3: 'tools, instructions and orchestration are defined elsewhere (in code or in the host). The usual framework risks apply: unvalidated tool arguments, orchestration logic a steered model can talk its way around, and dependencies fetched at run time.',
  4: "hosting, sandboxing, secrets and network isolation are not declared. If it runs with ambient credentials on a developer machine or a CI runner, a hijacked tool call acts with that host's privileges.",
  5: 'no logging, tracing or evaluation is declared. Without a record of each action, misuse can go unnoticed and cannot be attributed; logging may exist outside the manifest.',
  6: 'no authentication, approval, guardrail or allowlist is declared. Treat governance as undetermined rather than absent, and confirm it outside the manifest.',
  7: 'no peer agents, tool servers, external services or channels are declared. The ecosystem boundary is undetermined; integrations added at run time bring their own trust questions.',
}

/** Said for a pinned Layer 1: what no manifest can show. */
export const PROVIDER_SIDE =
  'Provider-side threats (model theft, membership inference, poisoned training data) cannot be judged from a manifest.'

const guardrails: Mitigation = {
  text: 'input and output guardrails',
  control: 'guardrails',
}
const approval: Mitigation = {
  text: 'human approval for consequential actions',
  control: 'humanApproval',
}
const sandbox: Mitigation = {
  text: 'an isolated sandbox (no network, no secrets, read-only where possible)',
  control: 'sandbox',
}
const logging: Mitigation = {
  text: 'per-action audit logs tied to an identity',
  control: 'logging',
}
const allowlists: Mitigation = {
  text: 'allowlists for tools, arguments and destinations',
  control: 'allowlists',
}
const rateLimits: Mitigation = {
  text: 'rate, token and cost limits',
  control: 'rateLimits',
}
const authentication: Mitigation = {
  text: 'caller authentication',
  control: 'authentication',
}

// prettier-ignore
export const THREAT_RULES: readonly ThreatRule[] = [
  // L1 Foundation Models
  { id: 'M-01', layer: 1, when: ['model.declared'], label: 'Adversarial Examples', owasp: ['T6'], asi: ['ASI01'],
    text: 'crafted prompts can push the model off its instructions, and what follows depends on the tools it holds.',
    mitigations: [guardrails, { text: 'a hardened system prompt that ranks instructions above content' }] },
  { id: 'M-02', layer: 1, when: ['model.declared'], label: 'Denial of Service (DoS) Attacks', owasp: ['T4'], asi: ['ASI08'],
    text: 'prompts that inflate tokens or trigger long loops run up cost and latency.',
    mitigations: [rateLimits] },
  { id: 'M-03', layer: 1, when: ['model.unpinned'], label: 'Reprogramming Attacks', owasp: ['T7'], asi: ['ASI10'],
    text: 'behaviour can change without a code change when the model behind the name changes; what was reviewed is not what runs.',
    mitigations: [{ text: 'pin a dated model version and re-evaluate on upgrade' }] },
  { id: 'M-04', layer: 1, when: ['model.selfHosted'], label: 'Backdoor Attacks', owasp: ['T17'], asi: ['ASI04'],
    text: 'self-hosted or fine-tuned weights can carry a backdoor, and the endpoint that serves them can leak the model.',
    mitigations: [{ text: 'verify model provenance and pin weights by hash' }, authentication] },

  // L2 Data Operations
  { id: 'D-01', layer: 2, when: ['memory.persistent'], label: 'Data Poisoning', owasp: ['T1'], asi: ['ASI06'],
    text: 'what one conversation writes into long-term memory steers later ones; a poisoned entry persists across sessions and users.',
    mitigations: [{ text: 'validate and attribute memory writes, with expiry and rollback' }, { text: 'separate memory per user or tenant' }] },
  { id: 'D-02', layer: 2, when: ['data.private'], label: 'Data Exfiltration', owasp: ['T6', 'T2'], asi: ['ASI01', 'ASI02'],
    text: 'a steered agent can read private data and hand it to whoever is steering it.',
    mitigations: [{ text: 'least-privilege data access' }, guardrails, allowlists] },
  { id: 'D-03', layer: 2, when: ['content.untrusted', 'tools.context'], label: 'Compromised RAG Pipelines', owasp: ['T1', 'T6'], asi: ['ASI06', 'ASI01'],
    text: 'retrieved documents and pages can carry instructions or falsehoods that it treats as its own context.',
    mitigations: [{ text: 'treat retrieved text as data and check the integrity of its sources' }, allowlists] },
  { id: 'D-04', layer: 2, when: ['reach.writesBeyond'], label: 'Data Tampering', owasp: ['T2'], asi: ['ASI02'],
    text: 'a steered agent can change the records it can write, and the change looks legitimate.',
    mitigations: [approval, { text: 'backups or versioning of what it writes' }] },
  { id: 'D-05', layer: 2, when: ['reach.dataStores'], label: 'Denial of Service on Data Infrastructure', owasp: ['T4'], asi: ['ASI08'],
    text: 'runaway queries or loops can overload the data systems it reaches.',
    mitigations: [rateLimits] },

  // L3 Agent Frameworks
  { id: 'F-01', layer: 3, when: ['tools.code'], label: 'Input Validation Attacks', owasp: ['T11'], asi: ['ASI05'],
    text: "code and commands the model writes run with the agent's rights, so an injected instruction becomes code execution.",
    mitigations: [sandbox, approval, { text: 'a command allowlist', control: 'allowlists' }] },
  { id: 'F-02', layer: 3, when: ['tools.all'], label: 'Framework Evasion', owasp: ['T3'], asi: ['ASI03'],
    text: 'nothing in the manifest limits which tools it calls, so a steered agent can reach for any of them.',
    mitigations: [{ text: 'an explicit tool allowlist', control: 'allowlists' }] },
  { id: 'F-03', layer: 3, when: ['tools.many'], label: 'Input Validation Attacks', owasp: ['T2'], asi: ['ASI02'],
    text: 'every tool parses arguments the model wrote; a large tool surface is a large parsing surface.',
    mitigations: [{ text: 'schema-validated tool arguments' }, { text: 'tools scoped per task' }] },
  { id: 'F-04', layer: 3, when: ['tools.unpinnedServers'], label: 'Supply Chain Attacks', owasp: ['T17'], asi: ['ASI04'],
    text: 'tool servers are fetched at run time without a pinned version, so their code can change under it.',
    mitigations: [{ text: 'pin versions or digests and review updates' }] },
  { id: 'F-05', layer: 3, when: ['agents.any'], label: 'Input Validation Attacks', owasp: ['T12'], asi: ['ASI07'],
    text: "agents pass free text to each other: one agent's output becomes another's instruction.",
    mitigations: [{ text: 'schema-validated handoffs between agents' }, { text: 'least privilege per agent' }] },
  { id: 'F-06', layer: 3, when: ['autonomy.unattended'], label: 'Denial of Service on Framework APIs', owasp: ['T4'], asi: ['ASI08'],
    text: 'runs that nobody watches can loop, retry and exhaust quotas before anyone notices.',
    mitigations: [rateLimits, { text: 'iteration and time caps with a kill switch' }] },
  { id: 'F-07', layer: 3, when: ['autonomy.selfEditing'], label: 'Backdoor Attacks', owasp: ['T1', 'T7'], asi: ['ASI10'],
    text: 'it can rewrite its own prompt, memory rules or configuration, so a compromise can make itself permanent.',
    mitigations: [{ text: 'keep its configuration read-only to it' }, approval] },
  { id: 'F-08', layer: 3, when: ['autonomy.bypass'], label: 'Framework Evasion', owasp: ['T3'], asi: ['ASI03'],
    text: 'the harness is set to skip confirmation, so nothing stops a steered tool call.',
    mitigations: [approval] },

  // L4 Deployment and Infrastructure
  { id: 'I-01', layer: 4, when: ['tools.code'], unless: ['control.sandbox'], label: 'Lateral Movement', owasp: ['T11', 'T3'], asi: ['ASI05'],
    text: 'commands run on whatever host runs it, and a hijacked call reaches whatever that host can reach; no sandbox is declared.',
    mitigations: [sandbox] },
  { id: 'I-02', layer: 4, when: ['tools.code', 'control.sandbox'], label: 'Resource Hijacking', owasp: ['T4', 'T11'], asi: ['ASI05'],
    text: 'code runs in the declared sandbox; abuse inside it (mining, scanning, escape attempts) remains possible.',
    mitigations: [sandbox, rateLimits] },
  { id: 'I-03', layer: 4, when: ['identity.credentialsAny'], label: 'Lateral Movement', owasp: ['T3'], asi: ['ASI03'],
    text: 'it holds credentials that a hijacked agent can use beyond its task.',
    mitigations: [{ text: 'short-lived, narrowly scoped tokens from a secrets manager' }] },
  { id: 'I-04', layer: 4, when: ['deployment.images'], label: 'Compromised Container Images', owasp: ['T17'], asi: ['ASI04'],
    text: 'container images it starts can be replaced upstream unless pinned by digest.',
    mitigations: [{ text: 'pin images by digest and scan them' }] },
  { id: 'I-05', layer: 4, when: ['exposure.public'], label: 'Denial of Service (DoS) Attacks', owasp: ['T4'], asi: ['ASI08'],
    text: 'its public endpoint takes floods and costly prompts directly.',
    mitigations: [rateLimits, authentication] },

  // L5 Evaluation and Observability
  { id: 'O-01', layer: 5, when: ['control.logging'], label: 'Data Leakage through Observability', owasp: ['T8'], asi: ['ASI06'],
    text: 'logs and traces hold prompts, tool arguments and the data it handled, and need the same protection as that data.',
    mitigations: [{ text: 'redact secrets and personal data in logs; restrict access to traces' }] },
  { id: 'O-02', layer: 5, when: ['control.noLogging'], label: 'Evasion of Detection', owasp: ['T8'], asi: ['ASI10'],
    text: 'logging is switched off, so misuse goes unseen and actions cannot be attributed.',
    mitigations: [logging] },
  { id: 'O-03', layer: 5, when: ['control.guardrails'], label: 'Evasion of Detection', owasp: ['T6'], asi: ['ASI01'],
    text: 'guardrails catch known patterns; adaptive injections are written to slip past them.',
    mitigations: [{ text: 'red-team the guardrails and watch their hit rates' }] },
  { id: 'O-04', layer: 5, when: ['text.observability'], label: 'Manipulation of Evaluation Metrics', owasp: ['T8'], asi: ['ASI10'],
    text: 'the monitoring or evaluation it describes is only as good as the cases it covers; a steered agent can behave well where it is measured.',
    mitigations: [{ text: 'evaluate on adversarial cases, not only on happy paths' }] },

  // L6 Security and Compliance (governance for agents that are not security tools)
  { id: 'G-01', layer: 6, when: ['tools.sideEffectsUnapproved'], label: 'Governance: no approval on consequential actions', owasp: ['T2', 'T10'], asi: ['ASI02', 'ASI09'],
    text: 'tools that change things run without a person signing off.',
    mitigations: [approval] },
  { id: 'G-02', layer: 6, when: ['auth.none'], label: 'Governance: unauthenticated access', owasp: ['T9'], asi: ['ASI03'],
    text: 'anyone who can reach it can use it; nothing ties a request to a caller.',
    mitigations: [authentication] },
  { id: 'G-03', layer: 6, when: ['identity.delegated'], label: "Governance: acting under users' identities", owasp: ['T3'], asi: ['ASI03'],
    text: "it acts with its users' identities, so a steered call carries their privileges.",
    mitigations: [{ text: 'per-user least privilege and scoped, short-lived tokens' }] },
  { id: 'G-04', layer: 6, when: ['identity.dynamic'], label: 'Governance: role assumption', owasp: ['T3', 'T9'], asi: ['ASI03'],
    text: 'it assumes roles or crosses tenants at run time; privilege boundaries are decided by the model.',
    mitigations: [{ text: 'a policy engine that decides role changes outside the model' }] },
  { id: 'G-05', layer: 6, when: ['data.private', 'exposure.public'], label: 'Regulatory Non-Compliance', owasp: ['T15'], asi: ['ASI09'],
    text: 'it handles private data where outsiders reach it; a disclosure is also a compliance incident.',
    mitigations: [{ text: 'data minimisation and output filtering', control: 'guardrails' }] },
  { id: 'G-06', layer: 6, when: ['text.opaque'], label: 'Lack of Explainability', owasp: ['T8'], asi: ['ASI10'],
    text: 'its internals are not open to inspection, so its decisions cannot be explained after the fact.',
    mitigations: [logging, { text: 'documented architecture and decision logs' }] },
  { id: 'G-07', layer: 6, when: ['control.humanApproval', 'tools.many'], label: 'Governance: approval fatigue', owasp: ['T10'], asi: ['ASI09'],
    text: 'frequent approval prompts across many tools train people to approve without reading.',
    mitigations: [{ text: 'approval only for consequential calls, with the arguments shown' }] },
  { id: 'G-08', layer: 6, when: ['purpose.security'], label: 'Evasion of Security AI Agents', owasp: ['T7'], asi: ['ASI10'],
    text: 'as a security agent it is a target: attackers craft inputs to be judged benign, or poison the data it learns from (Security Agent Data Poisoning, Compromised Security AI Agents).',
    mitigations: [{ text: 'redundant, non-AI detection for critical decisions' }, logging] },

  // L7 Agent Ecosystem
  { id: 'E-01', layer: 7, when: ['tools.sideEffects'], label: 'Agent Tool Misuse', owasp: ['T2'], asi: ['ASI02'],
    text: 'a steered agent calls its tools with arguments the attacker chose.',
    mitigations: [approval, allowlists, rateLimits] },
  { id: 'E-02', layer: 7, when: ['content.untrusted'], label: 'Agent Goal Manipulation', owasp: ['T6'], asi: ['ASI01'],
    text: 'content it reads can carry instructions that replace its goal (indirect prompt injection).',
    mitigations: [guardrails, { text: 'treat fetched content as data, never as instructions' }] },
  { id: 'E-03', layer: 7, when: ['agents.any'], label: 'Compromised Agents', owasp: ['T13', 'T12'], asi: ['ASI07', 'ASI10'],
    text: 'if one agent it works with is compromised, its output steers the others.',
    mitigations: [{ text: 'authenticated agents and validated handoffs' }, logging] },
  { id: 'E-04', layer: 7, when: ['agents.exposed'], label: 'Agent Impersonation', owasp: ['T9', 'T16'], asi: ['ASI07'],
    text: 'other agents reach it by its card; without signed cards and caller authentication, anyone can pose as a trusted peer or as this agent.',
    mitigations: [authentication, { text: 'signed agent cards' }] },
  { id: 'E-05', layer: 7, when: ['tools.mcp'], label: 'Integration Risks', owasp: ['T16', 'T17'], asi: ['ASI04'],
    text: 'tool servers supply tool descriptions and results it trusts; a malicious or changed server can poison both.',
    mitigations: [{ text: 'pin and review servers; allow only the tools needed', control: 'allowlists' }] },
  { id: 'E-06', layer: 7, when: ['tools.remoteNoAuth'], label: 'Agent Identity Attack', owasp: ['T9'], asi: ['ASI03'],
    text: 'remote tool servers are used with no credentials declared; a server answering at that address is trusted as is.',
    mitigations: [authentication] },
  { id: 'E-07', layer: 7, when: ['exposure.channel'], label: 'Integration Risks', owasp: ['T15'], asi: ['ASI09'],
    text: 'each channel is an entry point with its own identity and formatting quirks, and people tend to trust what an assistant tells them there.',
    mitigations: [guardrails, { text: 'verified identity before account actions' }] },
  { id: 'E-08', layer: 7, when: ['tools.sideEffects'], unless: ['control.logging'], label: 'Repudiation', owasp: ['T8'], asi: ['ASI10'],
    text: 'nothing declared ties its actions in other systems back to a decision or a requester.',
    mitigations: [logging] },
  { id: 'E-09', layer: 7, when: ['identity.delegated'], label: 'Agent Identity Attack', owasp: ['T9'], asi: ['ASI03'],
    text: 'whoever steers it acts as the user whose identity it carries.',
    mitigations: [{ text: "step-up confirmation for actions under a user's identity", control: 'humanApproval' }] },
]

// prettier-ignore
export const CROSS_LAYER_RULES: readonly CrossLayerRule[] = [
  { id: 'X-01', layers: [7, 3, 4], when: ['content.untrusted', 'tools.sideEffectsUnapproved'], unless: ['control.humanApproval', 'tools.allApproved'],
    label: 'Goal Misalignment Cascades', owasp: ['T6', 'T2', 'T11'], asi: ['ASI01', 'ASI02', 'ASI05'],
    text: 'untrusted content can steer it (L7), it acts without approval (L3), and the action lands on real systems (L4): injection becomes action in one step.',
    mitigations: [approval, guardrails, sandbox] },
  { id: 'X-02', layers: [2, 7], when: ['data.private', 'content.untrusted', 'reach.external'],
    label: 'Data Leakage', owasp: ['T6', 'T2'], asi: ['ASI01', 'ASI02'],
    text: 'it reads private data (L2), takes untrusted input and can send data out (L7): the three legs of exfiltration are all there.',
    mitigations: [{ text: 'egress allowlists', control: 'allowlists' }, guardrails, { text: 'separate the agent that reads secrets from the one that reads the web' }] },
  { id: 'X-03', layers: [3, 4], when: ['tools.code'], unless: ['control.sandbox'],
    label: 'Privilege Escalation', owasp: ['T11', 'T3'], asi: ['ASI05', 'ASI03'],
    text: 'model-written code (L3) runs with no declared isolation (L4), so it inherits every privilege of its host.',
    mitigations: [sandbox] },
  { id: 'X-04', layers: [3, 7], when: ['tools.unpinnedServers'],
    label: 'Supply Chain Attacks', owasp: ['T17'], asi: ['ASI04'],
    text: 'unpinned tool servers (L3) from public registries (L7) can ship new code at any run.',
    mitigations: [{ text: 'pin versions or digests; mirror what it runs' }] },
  { id: 'X-05', layers: [7, 3, 2], when: ['agents.any', 'memory.persistent'],
    label: 'Goal Misalignment Cascades', owasp: ['T5', 'T12', 'T13'], asi: ['ASI07', 'ASI08'],
    text: 'agents that share long-term memory (L2) and hand work to each other (L7, L3) spread one bad output into every later run.',
    mitigations: [{ text: 'per-agent memory scopes and validated handoffs' }, logging] },
  { id: 'X-06', layers: [3, 6, 4], when: ['tools.all', 'identity.credentialsAny'],
    label: 'Privilege Escalation', owasp: ['T3'], asi: ['ASI03'],
    text: 'an open tool list (L3) with standing credentials (L4) and no allowlist (L6) lets a steered agent use any privilege it can find.',
    mitigations: [{ text: 'an explicit tool allowlist', control: 'allowlists' }, { text: 'scoped, short-lived credentials' }] },
  { id: 'X-07', layers: [5, 7], when: ['autonomy.unattended'], unless: ['control.logging'],
    label: 'Repudiation', owasp: ['T8'], asi: ['ASI10'],
    text: 'it runs unattended (L7) and no logging is declared (L5): nobody sees its actions, and nobody can reconstruct them.',
    mitigations: [logging] },
]
