import { runGate, type GateOptions } from '../../src/core/gate.js'
import type { Report } from '../../src/core/report/schema.js'
import { tempTree } from './files.js'

/** Manifests and policies a pull request could bring, as text. */
export const HOSTILE_NAME = '@everyone <img src=x onerror=alert(1)>'

export const HOSTILE_DESCRIPTOR = `name: "${HOSTILE_NAME}"
description: "](javascript:alert(1)) | pipes | \`backticks\` and\\nnew lines <script>alert(1)</script> #1 @octocat https://evil.example"
tools:
  - { name: "run](javascript:alert(1))", kind: shell }
  - { name: "x|y\`z", kind: code-exec }
subAgents: ["[link](https://evil.example)"]
controls: { guardrails: false }
aivss:
  factors: { multiAgentInteractions: 0.9 }
`

/** A descriptor that the default preset fails (multi-agent, no guardrails). */
export function failingDescriptor(
  name: string,
  description = 'Hands work to worker agents.',
): string {
  return `name: ${JSON.stringify(name)}
description: ${JSON.stringify(description)}
subAgents: [a, b, c]
delegation: { canDelegate: true, mode: hierarchical }
controls: { guardrails: false }
aivss:
  factors: { multiAgentInteractions: 0.9 }
`
}

/** A descriptor that passes the default preset. */
export function passingDescriptor(name: string): string {
  return `name: ${JSON.stringify(name)}
description: Answers questions from the help centre.
tools: [search_docs]
controls: { guardrails: true, humanApproval: true, logging: true }
`
}

/** Runs the gate over files written to a temporary directory. */
export function gateReport(
  files: Record<string, string>,
  options: Partial<GateOptions> = {},
): Report {
  const root = tempTree(files)
  return runGate({ root, cwd: root, today: '2026-01-15', ...options }).report
}
