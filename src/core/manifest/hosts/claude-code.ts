import type { HostTable } from './types.js'

// Source: Claude Code docs, "Tools available to Claude" (code.claude.com/docs/en/settings, the "Permission Required" column) and "Permissions" (code.claude.com/docs/en/permissions).
export const CLAUDE_CODE_TOOLS: HostTable = {
  bash: { kind: 'shell', asks: true },
  // Read or stop the output of a shell that Bash started: no new command.
  bashoutput: { kind: 'other', readOnly: true, asks: false },
  taskoutput: { kind: 'other', readOnly: true, asks: false },
  killshell: { kind: 'other', asks: false },
  killbash: { kind: 'other', asks: false },
  powershell: { kind: 'shell', asks: true },
  read: { kind: 'file-read', readOnly: true, asks: false },
  glob: { kind: 'file-read', readOnly: true, asks: false },
  grep: { kind: 'file-read', readOnly: true, asks: false },
  ls: { kind: 'file-read', readOnly: true, asks: false },
  notebookread: { kind: 'file-read', readOnly: true, asks: false },
  lsp: { kind: 'file-read', readOnly: true, asks: false },
  write: { kind: 'file-write', asks: true },
  edit: { kind: 'file-write', asks: true },
  multiedit: { kind: 'file-write', asks: true },
  notebookedit: { kind: 'file-write', asks: true },
  // Fetched pages and search results are content others wrote.
  webfetch: { kind: 'network', readOnly: true, asks: true },
  websearch: { kind: 'search', readOnly: true, asks: true },
  task: { kind: 'agent-call', asks: false },
  agent: { kind: 'agent-call', asks: false },
  // Agent teams: a message to another agent of the team, not an email.
  sendmessage: { kind: 'agent-call', asks: false },
  teamcreate: { kind: 'agent-call', asks: false },
  teamdelete: { kind: 'agent-call', asks: false },
  todowrite: { kind: 'other', asks: false },
  todoread: { kind: 'other', readOnly: true, asks: false },
  taskcreate: { kind: 'other', asks: false },
  taskget: { kind: 'other', readOnly: true, asks: false },
  tasklist: { kind: 'other', readOnly: true, asks: false },
  taskupdate: { kind: 'other', asks: false },
  askuserquestion: { kind: 'other', readOnly: true, asks: false },
  exitplanmode: { kind: 'other', asks: true },
  skill: { kind: 'other', asks: true },
  slashcommand: { kind: 'other', asks: true },
  mcpsearch: { kind: 'other', readOnly: true, asks: false },
  toolsearch: { kind: 'other', readOnly: true, asks: false },
  listmcpresources: { kind: 'other', readOnly: true, asks: false },
  readmcpresource: { kind: 'other', readOnly: true, asks: false },
}

/** Claude Code asks before an MCP tool runs unless a rule allows it. */
export const CLAUDE_CODE_MCP_ASKS = true
