import { AMAZON_Q_TOOLS } from './amazon-q.js'
import { CLAUDE_CODE_TOOLS } from './claude-code.js'
import { CODEX_TOOLS } from './codex.js'
import { COPILOT_TOOLS } from './copilot.js'
import { GEMINI_CLI_TOOLS } from './gemini-cli.js'
import { OPENCODE_TOOLS } from './opencode.js'
import { ROO_TOOLS } from './roo.js'
import type { HostId, HostTable, HostTool } from './types.js'

export { githubMcpTool, isGithubServer } from './github-mcp.js'
export type { HostId, HostTable, HostTool } from './types.js'
export { HOST_NAMES, HOSTS } from './types.js'

/**
 * The built-in tools of the coding assistants, one table per host, each
 * taken from that host's documentation. Which host a manifest belongs to
 * decides which table answers first; the others answer for names that a
 * manifest of one host borrows from another (a Claude Code agent listing
 * `run_shell_command` still means a shell).
 */
export const HOST_TABLES: Readonly<Record<HostId, HostTable>> = {
  'claude-code': CLAUDE_CODE_TOOLS,
  copilot: COPILOT_TOOLS,
  codex: CODEX_TOOLS,
  opencode: OPENCODE_TOOLS,
  'gemini-cli': GEMINI_CLI_TOOLS,
  'amazon-q': AMAZON_Q_TOOLS,
  roo: ROO_TOOLS,
}

const ORDER = Object.keys(HOST_TABLES) as HostId[]

/** The host's own fact for a tool name, else the first host that has one. */
export function hostTool(
  name: string,
  host?: HostId,
): { readonly tool: HostTool; readonly host: HostId } | undefined {
  const key = name.toLowerCase()
  const own = host ? lookup(HOST_TABLES[host], key) : undefined
  if (own && host) return { tool: own, host }
  for (const id of ORDER) {
    const tool = lookup(HOST_TABLES[id], key)
    // Only a host's own table speaks for its approvals.
    if (tool) return { tool: { ...tool, asks: undefined }, host: id }
  }
  return undefined
}

/** Own keys only: `constructor` is not a tool of any host. */
function lookup(table: HostTable, key: string): HostTool | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}
