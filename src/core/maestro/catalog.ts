/**
 * The published vocabularies the threat model cites: MAESTRO's seven layers
 * (Cloud Security Alliance, February 2025), the OWASP Agentic AI Threats and
 * Mitigations ids, and the OWASP Top 10 for Agentic Applications 2026.
 */

export const MAESTRO_LAYERS = [
  { layer: 1, name: 'Foundation Models' },
  { layer: 2, name: 'Data Operations' },
  { layer: 3, name: 'Agent Frameworks' },
  { layer: 4, name: 'Deployment and Infrastructure' },
  { layer: 5, name: 'Evaluation and Observability' },
  { layer: 6, name: 'Security and Compliance' },
  { layer: 7, name: 'Agent Ecosystem' },
] as const

export type LayerNumber = (typeof MAESTRO_LAYERS)[number]['layer']

export const MAESTRO_VERSION = 'CSA MAESTRO (February 2025)'

/**
 * OWASP Agentic AI – Threats and Mitigations. T1–T15 are in v1.0; v1.1 adds
 * T16 and T17. Other documents reuse T16+ for other threats, so every id is
 * printed with the document version.
 */
export const OWASP_THREATS = {
  T1: { name: 'Memory Poisoning', version: '1.0' },
  T2: { name: 'Tool Misuse', version: '1.0' },
  T3: { name: 'Privilege Compromise', version: '1.0' },
  T4: { name: 'Resource Overload', version: '1.0' },
  T5: { name: 'Cascading Hallucination Attacks', version: '1.0' },
  T6: { name: 'Intent Breaking & Goal Manipulation', version: '1.0' },
  T7: { name: 'Misaligned & Deceptive Behaviors', version: '1.0' },
  T8: { name: 'Repudiation & Untraceability', version: '1.0' },
  T9: { name: 'Identity Spoofing & Impersonation', version: '1.0' },
  T10: { name: 'Overwhelming Human in the Loop', version: '1.0' },
  T11: { name: 'Unexpected RCE and Code Attacks', version: '1.0' },
  T12: { name: 'Agent Communication Poisoning', version: '1.0' },
  T13: { name: 'Rogue Agents in Multi-Agent Systems', version: '1.0' },
  T14: { name: 'Human Attacks on Multi-Agent Systems', version: '1.0' },
  T15: { name: 'Human Manipulation', version: '1.0' },
  T16: { name: 'Insecure Inter-Agent Protocol Abuse', version: '1.1' },
  T17: { name: 'Supply Chain Compromise', version: '1.1' },
} as const

export type OwaspThreatId = keyof typeof OWASP_THREATS

export const ASI_RISKS = {
  ASI01: 'Agent Goal Hijack',
  ASI02: 'Tool Misuse and Exploitation',
  ASI03: 'Identity and Privilege Abuse',
  ASI04: 'Agentic Supply Chain Vulnerabilities',
  ASI05: 'Unexpected Code Execution',
  ASI06: 'Memory and Context Poisoning',
  ASI07: 'Insecure Inter-Agent Communication',
  ASI08: 'Cascading Failures',
  ASI09: 'Human-Agent Trust Exploitation',
  ASI10: 'Rogue Agents',
} as const

export type AsiId = keyof typeof ASI_RISKS

/** `T2 (OWASP Agentic T&M v1.0)`: an id that cannot be confused with another document's. */
export function owaspThreatLabel(id: OwaspThreatId): string {
  return `${id} (OWASP Agentic T&M v${OWASP_THREATS[id].version})`
}

/** `ASI02 (OWASP Agentic Top 10 2026)` */
export function asiLabel(id: AsiId): string {
  return `${id} (OWASP Agentic Top 10 2026)`
}
