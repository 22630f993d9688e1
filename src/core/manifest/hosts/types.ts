import type { ToolKind } from '../../profile/schema.js'

/**
 * What a host's own documentation says about one of its built-in tools:
 * the kind of thing it does, whether it only reads, and whether the host
 * asks a person before it runs when nothing configures otherwise
 * (`undefined`: the documentation does not say).
 */
export interface HostTool {
  readonly kind: ToolKind
  readonly readOnly?: boolean
  readonly asks?: boolean
  /** It writes to a store the agent reads back in later sessions. */
  readonly memory?: boolean
}

/** A host's tools by lower-case name. */
export type HostTable = Readonly<Record<string, HostTool>>

export const HOSTS = [
  'claude-code',
  'copilot',
  'codex',
  'opencode',
  'gemini-cli',
  'amazon-q',
  'roo',
] as const
export type HostId = (typeof HOSTS)[number]

/** The host's name as reports cite it. */
export const HOST_NAMES: Readonly<Record<HostId, string>> = {
  'claude-code': 'Claude Code',
  copilot: 'GitHub Copilot',
  codex: 'Codex',
  opencode: 'OpenCode',
  'gemini-cli': 'Gemini CLI',
  'amazon-q': 'Amazon Q',
  roo: 'Roo Code',
}
