import type { HostTable } from './types.js'

// Source: OpenAI Codex docs, "Configuration Reference" and "Agent approvals & security" (developers.openai.com/codex/config-reference, developers.openai.com/codex/agent-approvals-security); tool names from openai/codex codex-rs/core/src/tools.
//
// Approvals depend on approval_policy and sandbox_mode, not on the tool:
// see CODEX_DEFAULTS.
export const CODEX_TOOLS: HostTable = {
  shell: { kind: 'shell' },
  exec_command: { kind: 'shell' },
  write_stdin: { kind: 'shell' },
  local_shell: { kind: 'shell' },
  apply_patch: { kind: 'file-write' },
  update_plan: { kind: 'other' },
  web_search: { kind: 'search', readOnly: true },
  view_image: { kind: 'file-read', readOnly: true },
  read_file: { kind: 'file-read', readOnly: true },
  list_dir: { kind: 'file-read', readOnly: true },
  grep_files: { kind: 'file-read', readOnly: true },
  spawn_agent: { kind: 'agent-call' },
  send_input: { kind: 'agent-call' },
  wait: { kind: 'other', readOnly: true },
  close_agent: { kind: 'agent-call' },
}

/**
 * Codex's documented defaults for a project it trusts (it reads a project's
 * `.codex/config.toml` only then): the workspace-write sandbox, and the
 * on-request approval policy, under which commands inside the sandbox run
 * without asking and leaving it asks first.
 */
export const CODEX_DEFAULTS = {
  approvalPolicy: 'on-request',
  sandboxMode: 'workspace-write',
} as const
