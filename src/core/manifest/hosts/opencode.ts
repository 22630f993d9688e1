import type { HostTable } from './types.js'

// Source: OpenCode docs, "Tools" and "Permissions" (opencode.ai/docs/tools, opencode.ai/docs/permissions).
//
// OpenCode runs every tool without asking unless `permission` says ask or
// deny; the permission keys group the tools (edit covers write and patch).
export const OPENCODE_TOOLS: HostTable = {
  bash: { kind: 'shell', asks: false },
  edit: { kind: 'file-write', asks: false },
  write: { kind: 'file-write', asks: false },
  patch: { kind: 'file-write', asks: false },
  multiedit: { kind: 'file-write', asks: false },
  read: { kind: 'file-read', readOnly: true, asks: false },
  grep: { kind: 'file-read', readOnly: true, asks: false },
  glob: { kind: 'file-read', readOnly: true, asks: false },
  list: { kind: 'file-read', readOnly: true, asks: false },
  lsp: { kind: 'file-read', readOnly: true, asks: false },
  webfetch: { kind: 'network', readOnly: true, asks: false },
  websearch: { kind: 'search', readOnly: true, asks: false },
  codesearch: { kind: 'search', readOnly: true, asks: false },
  task: { kind: 'agent-call', asks: false },
  todowrite: { kind: 'other', asks: false },
  todoread: { kind: 'other', readOnly: true, asks: false },
  skill: { kind: 'other', asks: false },
  question: { kind: 'other', readOnly: true, asks: false },
}
