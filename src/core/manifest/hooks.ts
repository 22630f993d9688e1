import { asArray, asRecord, asString, entriesOf } from '../parse/data.js'
import type { DataPath } from '../parse/document.js'
import { addNote, cite } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

/**
 * The hooks of coding assistants (Claude Code, Copilot in VS Code, Amazon Q,
 * Kiro): commands the host runs on an agent's actions. What they do is in
 * scripts outside the manifest, so a hook is read from its event and the
 * words of its command.
 */

export interface HookReading {
  /** The hook can stop an action and looks like a policy check. */
  readonly guardrail: boolean
  /** The hook looks like it records what the agent does. */
  readonly logging: boolean
}

/** Hook events that run before an action (or the end of a turn) and can block it. */
const BLOCKING_EVENTS =
  /^(pretooluse|userpromptsubmit|permissionrequest|stop|subagentstop|beforeshellexecution|beforemcpexecution|beforereadfile|pre_tool_use)$/i
const GUARD_WORDS =
  /\b(guard\w*|block\w*|deny|denylist|validat\w*|secur\w*|polic(y|ies)|gates?|protect\w*|safety|safe|sanitiz\w*|firewall|lint\w*|scan\w*|verify\w*)\b/
const LOG_WORDS =
  /\b(log|logs|logger|logging|audit\w*|record\w*|telemetry|trac(e|es|ing)|observ\w*|journal\w*|otel)\b/

/**
 * What a hook command clearly is, judged from its event and the words of its
 * command: a blocking event running a `guard`/`validate`/`policy` script is a
 * guardrail; a command that logs or audits is logging. Hooks are scripts
 * outside the manifest, so this is a reading of names, not of behaviour.
 */
export function readHook(event: string, command: string): HookReading {
  const words = command.toLowerCase().replace(/[^a-z0-9]+/g, ' ')
  return {
    guardrail: BLOCKING_EVENTS.test(event) && GUARD_WORDS.test(words),
    logging: LOG_WORDS.test(words),
  }
}
/** One hook of a harness's hook table. */
export interface HookCommand {
  readonly event: string
  /** `command` runs a script; `prompt` and `agent` hooks ask a model. */
  readonly type: string
  readonly command: string
  /** Runs in the background: it cannot stop the action. */
  readonly async: boolean
  /** Path of the hook inside the hook table. */
  readonly path: DataPath
}

/**
 * The hooks of a hook table, in both shapes harnesses use: Claude Code's
 * `{Event: [{matcher, hooks: [{type, command}]}]}` and the flat
 * `{event: [{command}]}` of Amazon Q and Kiro.
 */
export function hookCommands(table: unknown): HookCommand[] {
  const found: HookCommand[] = []
  const push = (event: string, hook: unknown, path: DataPath): void => {
    const record = asRecord(hook)
    if (!record) return
    found.push({
      event,
      type: asString(record.type) ?? 'command',
      command: asString(record.command) ?? asString(record.prompt) ?? '',
      async: record.async === true,
      path,
    })
  }
  for (const [event, groups] of entriesOf(table)) {
    ;(asArray(groups) ?? []).forEach((group, i) => {
      const inner = asArray(asRecord(group)?.hooks)
      if (inner)
        inner.forEach((hook, j) => push(event, hook, [event, i, 'hooks', j]))
      else push(event, group, [event, i])
    })
  }
  return found
}

/**
 * Records what a hook table tells: guardrails and logging when hooks clearly
 * are (see readHook; model-judged hooks on blocking events are guardrails),
 * and a note that hooks run code outside the manifest.
 */
export function applyHooks(
  profile: AgentProfile,
  hooks: readonly HookCommand[],
  lineOf: (path: DataPath) => number | undefined,
): void {
  if (hooks.length === 0) return
  for (const hook of hooks) {
    const line = lineOf(hook.path)
    const reading =
      hook.type === 'command'
        ? readHook(hook.event, hook.command)
        : { guardrail: BLOCKING_EVENTS.test(hook.event), logging: false }
    if (reading.guardrail && !hook.async) {
      profile.controls.guardrails = true
      cite(profile, 'controls.guardrails', line)
    }
    if (reading.logging) {
      profile.controls.logging = true
      cite(profile, 'controls.logging', line)
    }
  }
  const events = [...new Set(hooks.map((h) => h.event))]
  addNote(
    profile,
    `${hooks.length} hook${hooks.length === 1 ? '' : 's'} on ${events.join(', ')} run commands outside the manifest on the agent's actions`,
  )
}
