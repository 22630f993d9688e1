import {
  addNote,
  AMAZON_Q_MCP_ASKS,
  cite,
  globPattern,
  harnessTool,
  hostDefaultText,
  isReadOnlyCommand,
  listSummary,
  setApproval,
  type AgentProfile,
  type Reading,
  type Tool,
} from '../../manifest/kit.js'
import type { AgentFile, ToolSettings } from './schema.js'

/** toolsSettings keys, by what they narrow. */
const SHELL = ['execute_bash', 'shell', 'execute_cmd']
const WRITE = ['fs_write', 'write']
const READ = ['fs_read', 'read']
const AWS = ['use_aws', 'aws']

/** The name a tool answers to in allowedTools: `@server` for a whole server. */
function allowName(tool: Tool): string {
  return tool.source === 'mcp' && !tool.name.startsWith('@')
    ? `@${tool.name}`
    : tool.name
}

/**
 * allowedTools (glob patterns): the tools they match run without asking;
 * every other tool keeps the host's own trust level.
 */
export function readAllowed(
  profile: AgentProfile,
  allowed: readonly string[],
  read: Reading<unknown>,
): void {
  const tests = allowed
    .filter((a) => a !== '*')
    .map((pattern) => globPattern(pattern, { questionMark: true }))
  for (const tool of profile.tools) {
    const name = allowName(tool)
    const listed = tests.some(
      (test) =>
        test.test(name) ||
        (name.startsWith('@') && test.test(name.split('/')[0] ?? '')),
    )
    if (listed) {
      tool.requiresApproval = false
      continue
    }
    // Not in allowedTools: the host's own trust level for the tool, which
    // asks for everything but the tools that only look.
    const asks =
      tool.source === 'mcp'
        ? AMAZON_Q_MCP_ASKS
        : (harnessTool(tool.name, undefined, 'amazon-q').asks ?? true)
    setApproval(tool, asks, hostDefaultText('amazon-q', tool.name, asks))
  }
  if (allowed.length > 0) cite(profile, 'tools', read.lineOf(['allowedTools']))
  if (allowed.includes('*'))
    addNote(
      profile,
      'allowedTools "*" is not a wildcard there: it allows nothing',
    )
}

/** What a tool setting narrows or opens, for one tool. */
interface SettingContext {
  readonly profile: AgentProfile
  readonly key: string
  readonly setting: ToolSettings
  /** The line of one of the setting's fields. */
  readonly lineOf: (field: string) => number | undefined
}

/** toolsSettings: allowlists where a tool is narrowed, notes for the rest. */
export function readSettings(
  profile: AgentProfile,
  settings: AgentFile['toolsSettings'],
  read: Reading<unknown>,
): void {
  for (const [key, setting] of settings ?? []) {
    const context: SettingContext = {
      profile,
      key,
      setting,
      lineOf: (field) => read.lineOf(['toolsSettings', key, field]),
    }
    if (SHELL.includes(key)) readShell(context)
    else if (WRITE.includes(key) || READ.includes(key)) readFiles(context)
    else if (AWS.includes(key)) readAws(context)
  }
}

function narrowed(profile: AgentProfile, line: number | undefined): void {
  profile.controls.allowlists = true
  cite(profile, 'controls.allowlists', line)
}

function noteDenied(
  { profile, key }: SettingContext,
  denied: readonly string[],
): void {
  if (denied.length > 0)
    addNote(profile, `${key} refuses: ${listSummary(denied)}`)
}

function readShell(context: SettingContext): void {
  const { profile, key, setting } = context
  const commands = setting.allowedCommands
  if (commands.length > 0) {
    narrowed(profile, context.lineOf('allowedCommands'))
    addNote(profile, `${key} runs without asking: ${listSummary(commands)}`)
    const shell = profile.tools.find((t) => t.name === key)
    if (shell && setting.denyByDefault === true) {
      shell.description = `only ${listSummary(commands)}`
      if (commands.every(isReadOnlyCommand)) shell.readOnly = true
    }
  }
  noteDenied(context, setting.deniedCommands)
  if (setting.autoAllowReadonly === true)
    addNote(profile, `${key} runs read-only commands without asking`)
}

function readFiles(context: SettingContext): void {
  const { profile, key, setting } = context
  const paths = setting.allowedPaths
  if (paths.length > 0) {
    // fs_read runs without asking by default: its paths narrow nothing.
    if (WRITE.includes(key)) narrowed(profile, context.lineOf('allowedPaths'))
    addNote(profile, `${key} needs no confirmation in: ${listSummary(paths)}`)
  }
  noteDenied(context, setting.deniedPaths)
}

function readAws(context: SettingContext): void {
  const { profile, key, setting } = context
  const services = setting.allowedServices
  if (services.length > 0) {
    narrowed(profile, context.lineOf('allowedServices'))
    addNote(
      profile,
      `${key} is limited to the services ${listSummary(services)}`,
    )
  }
  noteDenied(context, setting.deniedServices)
}
