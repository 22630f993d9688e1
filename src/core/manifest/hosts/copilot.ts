import type { HostTable } from './types.js'

// Source: VS Code docs, "Tools and context reference" (code.visualstudio.com/docs/agents/reference/tools-reference) and "Manage approvals and permissions" (code.visualstudio.com/docs/agents/approvals); GitHub docs, "Custom agents configuration" (tool aliases of the Copilot cloud agent).
//
// Approvals: VS Code asks before terminal commands, URL fetches, tasks and
// MCP or extension tools; edits to workspace files are applied for review
// without a prompt (sensitive files excepted), and read tools never ask.
export const COPILOT_TOOLS: HostTable = {
  // Tool sets, written alone or as `set/*`.
  execute: { kind: 'shell', asks: true },
  read: { kind: 'file-read', readOnly: true, asks: false },
  edit: { kind: 'file-write', asks: false },
  search: { kind: 'file-read', readOnly: true, asks: false },
  web: { kind: 'network', readOnly: true, asks: true },
  agent: { kind: 'agent-call', asks: false },
  todo: { kind: 'other', asks: false },
  todos: { kind: 'other', asks: false },
  vscode: { kind: 'other' },
  browser: { kind: 'browser', asks: true },
  // execute/*: commands in a terminal, and tasks and tests the workspace
  // configures, which run commands too (built in, not an MCP server).
  'execute/runinterminal': { kind: 'shell', asks: true },
  'execute/getterminaloutput': { kind: 'other', readOnly: true, asks: false },
  'execute/awaitterminal': { kind: 'other', readOnly: true, asks: false },
  'execute/killterminal': { kind: 'other', asks: false },
  'execute/createandruntask': { kind: 'shell', asks: true },
  'execute/runtask': { kind: 'shell', asks: true },
  'execute/gettaskoutput': { kind: 'other', readOnly: true, asks: false },
  'execute/runtests': { kind: 'shell' },
  'execute/testfailure': { kind: 'other', readOnly: true, asks: false },
  'execute/runnotebookcell': { kind: 'code-exec', asks: true },
  'execute/runvscodecommand': { kind: 'other', asks: true },
  // read/*
  'read/readfile': { kind: 'file-read', readOnly: true, asks: false },
  'read/problems': { kind: 'file-read', readOnly: true, asks: false },
  'read/terminallastcommand': { kind: 'other', readOnly: true, asks: false },
  'read/terminalselection': { kind: 'other', readOnly: true, asks: false },
  'read/getnotebooksummary': { kind: 'file-read', readOnly: true, asks: false },
  'read/readnotebookcelloutput': {
    kind: 'file-read',
    readOnly: true,
    asks: false,
  },
  // edit/*
  'edit/editfiles': { kind: 'file-write', asks: false },
  'edit/createfile': { kind: 'file-write', asks: false },
  'edit/createdirectory': { kind: 'file-write', asks: false },
  'edit/editnotebook': { kind: 'file-write', asks: false },
  'edit/createjupyternotebook': { kind: 'file-write', asks: false },
  // search/*
  'search/codebase': { kind: 'file-read', readOnly: true, asks: false },
  'search/textsearch': { kind: 'file-read', readOnly: true, asks: false },
  'search/filesearch': { kind: 'file-read', readOnly: true, asks: false },
  'search/listdirectory': { kind: 'file-read', readOnly: true, asks: false },
  'search/usages': { kind: 'file-read', readOnly: true, asks: false },
  'search/changes': { kind: 'file-read', readOnly: true, asks: false },
  'search/searchresults': { kind: 'file-read', readOnly: true, asks: false },
  // web/*: pages and repositories others wrote.
  'web/fetch': { kind: 'network', readOnly: true, asks: true },
  'web/githubrepo': { kind: 'search', readOnly: true, asks: false },
  'agent/runsubagent': { kind: 'agent-call', asks: false },
  // vscode/*: the editor's own tools, none of them an MCP server.
  'vscode/runcommand': { kind: 'other', asks: true },
  'vscode/installextension': { kind: 'other', asks: true },
  'vscode/extensions': { kind: 'search', readOnly: true, asks: false },
  'vscode/vscodeapi': { kind: 'search', readOnly: true, asks: false },
  'vscode/askquestions': { kind: 'other', readOnly: true, asks: false },
  'vscode/getprojectsetupinfo': { kind: 'other', readOnly: true, asks: false },
  'vscode/newworkspace': { kind: 'file-write', asks: false },
  'vscode/openintegratedbrowser': { kind: 'browser', asks: true },
  'vscode/opensimplebrowser': { kind: 'browser', asks: true },
  // Notes the agent keeps across sessions and reads back.
  'vscode/memory': { kind: 'other', asks: false, memory: true },
  memory: { kind: 'other', asks: false, memory: true },
  // Names before the tool sets (chat modes, older agents).
  runcommands: { kind: 'shell', asks: true },
  terminal: { kind: 'shell', asks: true },
  runinterminal: { kind: 'shell', asks: true },
  terminalcommand: { kind: 'shell', asks: true },
  getterminaloutput: { kind: 'other', readOnly: true, asks: false },
  terminallastcommand: { kind: 'other', readOnly: true, asks: false },
  terminalselection: { kind: 'other', readOnly: true, asks: false },
  runtasks: { kind: 'shell', asks: true },
  runtask: { kind: 'shell', asks: true },
  createandruntask: { kind: 'shell', asks: true },
  runtests: { kind: 'shell' },
  testfailure: { kind: 'other', readOnly: true, asks: false },
  runnotebooks: { kind: 'code-exec', asks: true },
  readfile: { kind: 'file-read', readOnly: true, asks: false },
  codebase: { kind: 'file-read', readOnly: true, asks: false },
  textsearch: { kind: 'file-read', readOnly: true, asks: false },
  filesearch: { kind: 'file-read', readOnly: true, asks: false },
  listdirectory: { kind: 'file-read', readOnly: true, asks: false },
  usages: { kind: 'file-read', readOnly: true, asks: false },
  problems: { kind: 'file-read', readOnly: true, asks: false },
  changes: { kind: 'file-read', readOnly: true, asks: false },
  searchresults: { kind: 'file-read', readOnly: true, asks: false },
  findtestfiles: { kind: 'file-read', readOnly: true, asks: false },
  editfiles: { kind: 'file-write', asks: false },
  createfile: { kind: 'file-write', asks: false },
  createdirectory: { kind: 'file-write', asks: false },
  editnotebook: { kind: 'file-write', asks: false },
  new: { kind: 'file-write', asks: false },
  newworkspace: { kind: 'file-write', asks: false },
  fetch: { kind: 'network', readOnly: true, asks: true },
  githubrepo: { kind: 'search', readOnly: true, asks: false },
  runsubagent: { kind: 'agent-call', asks: false },
  extensions: { kind: 'search', readOnly: true, asks: false },
  vscodeapi: { kind: 'search', readOnly: true, asks: false },
  installextension: { kind: 'other', asks: true },
  runvscodecommand: { kind: 'other', asks: true },
  opensimplebrowser: { kind: 'browser', asks: true },
  // Aliases of the Copilot cloud agent (GitHub's custom agent docs).
  shell: { kind: 'shell' },
  bash: { kind: 'shell' },
  powershell: { kind: 'shell' },
  view: { kind: 'file-read', readOnly: true, asks: false },
  'custom-agent': { kind: 'agent-call', asks: false },
}

/** VS Code asks before an MCP tool runs unless it is auto-approved. */
export const COPILOT_MCP_ASKS = true
