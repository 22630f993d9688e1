import type { HostTool } from './types.js'

// Source: github/github-mcp-server README (the tool list by toolset: issues, pull_requests, repos, actions, notifications, ...).
//
// Every tool talks to the GitHub API (network); none administers a cloud.
// Reads bring in issues, files and comments that anyone may have written.

/** Tool names that only read: `get_*`, `list_*`, `search_*`, `*_read`. */
const READS =
  /^(get|list|search|download)_|_read$|^(actions_get|actions_list|get_me)$/

/** Tool names that change something on GitHub. */
const WRITES =
  /^(create|update|merge|push|add|delete|fork|remove|request|assign|dismiss|mark|manage|rerun|cancel|run|submit|reprioritize|star|unstar|actions_run_trigger)(_|$)|_write$/

/** What a GitHub MCP server tool does, by its name; undefined for unknown names. */
export function githubMcpTool(name: string): HostTool | undefined {
  const tool = name.toLowerCase()
  if (tool === '*' || tool === '') return { kind: 'network' }
  if (WRITES.test(tool)) return { kind: 'network', readOnly: false }
  if (READS.test(tool)) return { kind: 'network', readOnly: true }
  return undefined
}

/** Server names that stand for the GitHub MCP server. */
export function isGithubServer(server: string): boolean {
  return /^(github|github-mcp-server|github-mcp|io\.github\.github\/github-mcp-server)$/i.test(
    server,
  )
}
