import type { HostTable } from './types.js'

// Source: Roo Code docs, "Custom Modes" (docs.roocode.com/features/custom-modes, the tool groups) and "Auto-Approving Actions" (docs.roocode.com/features/auto-approving-actions).
//
// Roo asks before every action unless auto-approve is switched on in the
// editor, which a mode file cannot do: approvals are left not stated.
export const ROO_TOOLS: HostTable = {
  read: { kind: 'file-read', readOnly: true },
  edit: { kind: 'file-write' },
  browser: { kind: 'browser' },
  command: { kind: 'shell' },
  mcp: { kind: 'mcp-server' },
  modes: { kind: 'other' },
  // Tool names inside the groups (Roo and Cline).
  read_file: { kind: 'file-read', readOnly: true },
  list_files: { kind: 'file-read', readOnly: true },
  search_files: { kind: 'file-read', readOnly: true },
  list_code_definition_names: { kind: 'file-read', readOnly: true },
  codebase_search: { kind: 'file-read', readOnly: true },
  write_to_file: { kind: 'file-write' },
  apply_diff: { kind: 'file-write' },
  insert_content: { kind: 'file-write' },
  search_and_replace: { kind: 'file-write' },
  execute_command: { kind: 'shell' },
  browser_action: { kind: 'browser' },
  use_mcp_tool: { kind: 'mcp-server' },
  access_mcp_resource: { kind: 'mcp-server', readOnly: true },
  new_task: { kind: 'agent-call' },
  switch_mode: { kind: 'other' },
  ask_followup_question: { kind: 'other', readOnly: true },
  attempt_completion: { kind: 'other', readOnly: true },
  update_todo_list: { kind: 'other' },
}
