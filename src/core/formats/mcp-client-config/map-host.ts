import { pathSegments } from '../../manifest/kit.js'

/** Label of a configuration whose host the path does not tell. */
export const GENERIC_HOST = 'MCP client'

export interface Host {
  /** Agent name without the directory part. */
  readonly label: string
  readonly channel?: string
  /** The path is this host's own configuration name. */
  readonly canonical: boolean
  /** Directory the configuration belongs to ('' for the root). */
  readonly scope: string
  readonly gemini?: boolean
}

/** The host a path belongs to, from its name and the directories above it. */
export function hostOf(path: string): Host {
  const parts = pathSegments(path)
  const name = parts.at(-1) ?? ''
  const parent = parts.at(-2)
  const grand = parts.at(-3)
  const scope = (up: number): string => parts.slice(0, -up).join('/')
  const host = (
    label: string,
    up: number,
    channel?: string,
    extra: Partial<Host> = {},
  ): Host => ({ label, channel, canonical: true, scope: scope(up), ...extra })
  if (name === '.mcp.json') return host('Claude Code', 1, 'cli')
  if (name === 'claude_desktop_config.json')
    return host('Claude Desktop', 1, 'desktop')
  if (name === 'cline_mcp_settings.json') return host('Cline', 1, 'ide')
  if (name === 'mcp_settings.json') return host('Roo Code', 1, 'ide')
  if (name === 'settings.json' && parent === '.gemini')
    return host('Gemini CLI', 2, 'cli', { gemini: true })
  if (name === 'mcp_config.json') {
    return parts.some((p) => /^(\.?windsurf|\.codeium)$/i.test(p))
      ? host('Windsurf', 1, 'ide')
      : host(GENERIC_HOST, 1)
  }
  if (name === 'mcp.json') {
    if (parent === '.cursor') return host('Cursor', 2, 'ide')
    if (parent === '.vscode') return host('VS Code', 2, 'ide')
    if (parent === '.roo') return host('Roo Code', 2, 'ide')
    if (parent === '.amazonq') return host('Amazon Q Developer', 2, 'ide')
    if (parent === 'settings' && grand === '.kiro')
      return host('Kiro', 3, 'ide')
    return host(GENERIC_HOST, 1)
  }
  if (name === 'settings.json' && parent === '.vscode')
    return { label: 'VS Code', channel: 'ide', canonical: false, scope: '' }
  return { label: GENERIC_HOST, canonical: false, scope: '' }
}

export function agentName(host: Host, path: string): string {
  if (host.label === GENERIC_HOST) return `${GENERIC_HOST} (${path})`
  if (!host.canonical) return `${host.label} (${path})`
  if (host.label === 'Claude Code') {
    return host.scope === ''
      ? 'Claude Code (project .mcp.json)'
      : `Claude Code (project .mcp.json in ${host.scope})`
  }
  return host.scope === '' ? host.label : `${host.label} (${host.scope})`
}
