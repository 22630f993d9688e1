import type { HostTable } from './types.js'

// Source: Amazon Q Developer CLI docs, "Built-in Tools" and "Agent format" (aws.github.io/amazon-q-developer-cli/built-in-tools.html, agent-format.md) and "Managing tool permissions" (docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-chat-tools.html); Kiro CLI names from kiro.dev/docs/cli/reference/built-in-tools.
//
// A tool outside the agent's allowedTools asks each time it runs; fs_read
// and the tools that only look are trusted from the start.
export const AMAZON_Q_TOOLS: HostTable = {
  execute_bash: { kind: 'shell', asks: true },
  execute_cmd: { kind: 'shell', asks: true },
  fs_read: { kind: 'file-read', readOnly: true, asks: false },
  fs_write: { kind: 'file-write', asks: true },
  use_aws: { kind: 'cloud-admin', asks: true },
  introspect: { kind: 'other', readOnly: true, asks: false },
  knowledge: { kind: 'search', readOnly: true, asks: false },
  report_issue: { kind: 'other', asks: false },
  thinking: { kind: 'other', readOnly: true, asks: false },
  todo_list: { kind: 'other', asks: false },
  delegate: { kind: 'agent-call', asks: true },
  // Kiro CLI
  read: { kind: 'file-read', readOnly: true, asks: false },
  write: { kind: 'file-write', asks: true },
  shell: { kind: 'shell', asks: true },
  aws: { kind: 'cloud-admin', asks: true },
  glob: { kind: 'file-read', readOnly: true, asks: false },
  grep: { kind: 'file-read', readOnly: true, asks: false },
  web_search: { kind: 'search', readOnly: true, asks: true },
  web_fetch: { kind: 'network', readOnly: true, asks: true },
  use_subagent: { kind: 'agent-call', asks: true },
}

/** Amazon Q asks before an MCP tool runs unless allowedTools lists it. */
export const AMAZON_Q_MCP_ASKS = true
