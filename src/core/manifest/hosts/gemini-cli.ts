import type { HostTable } from './types.js'

// Source: Gemini CLI docs, "Tools reference" (geminicli.com/docs/reference/tools) and its file-system, shell, web-fetch, web-search and memory tool pages.
//
// Gemini CLI asks before tools that change files or run commands; `--yolo`
// (approval mode yolo) approves everything, `auto_edit` approves edits.
export const GEMINI_CLI_TOOLS: HostTable = {
  run_shell_command: { kind: 'shell', asks: true },
  read_file: { kind: 'file-read', readOnly: true, asks: false },
  read_many_files: { kind: 'file-read', readOnly: true, asks: false },
  list_directory: { kind: 'file-read', readOnly: true, asks: false },
  glob: { kind: 'file-read', readOnly: true, asks: false },
  search_file_content: { kind: 'file-read', readOnly: true, asks: false },
  grep_search: { kind: 'file-read', readOnly: true, asks: false },
  write_file: { kind: 'file-write', asks: true },
  replace: { kind: 'file-write', asks: true },
  web_fetch: { kind: 'network', readOnly: true, asks: true },
  google_web_search: { kind: 'search', readOnly: true, asks: false },
  // Facts appended to GEMINI.md, read into every later session.
  save_memory: { kind: 'other', asks: true, memory: true },
  write_todos: { kind: 'other', asks: false },
}
