import type { FactorId } from '../aivss/factors.js'
import type { AgentAssessment } from '../assess/assess-agent.js'
import { changesBetween, roundTo } from '../diff/compare.js'
import type { HeadChange } from '../diff/comparison.js'
import { toolKey, type SnapshotTool } from '../diff/snapshot.js'
import type { Control } from '../profile/schema.js'
import type { Increase } from './schema.js'

/**
 * The ratchet conditions (`new`, `increased`, `new-tools`,
 * `removed-controls`): what the pull request changed, measured against the
 * base. Without a base none of them matches, and the message says so.
 */

export interface RatchetContext {
  /** The agent's counterpart in the base; undefined without a comparison. */
  readonly change?: HeadChange | undefined
  /** Why there is no comparison, when there is none. */
  readonly unavailable?: string | undefined
}

export interface RatchetOutcome {
  readonly matched: boolean
  readonly because: string
}

function noBase(context: RatchetContext): RatchetOutcome {
  return {
    matched: false,
    because: `no base to compare with${context.unavailable ? ` (${context.unavailable})` : ''}`,
  }
}

export function isNew(value: boolean, context: RatchetContext): RatchetOutcome {
  const change = context.change
  if (!change) return noBase(context)
  const added = change.status === 'added'
  return {
    matched: added === value,
    because: added ? 'new agent: not in the base' : 'agent in the base too',
  }
}

export function increased(
  agent: AgentAssessment,
  amounts: Increase,
  context: RatchetContext,
): RatchetOutcome {
  const change = context.change
  if (!change) return noBase(context)
  if (change.status === 'added')
    return {
      matched: false,
      because: 'new agent: no earlier value to compare with',
    }
  const outcomes: RatchetOutcome[] = []
  for (const [key, amount] of Object.entries(amounts)) {
    if (amount === undefined) continue
    if (key === 'score') {
      outcomes.push(rise('score', change.base.score, agent.score, amount, 1))
      continue
    }
    const id = key as FactorId
    const before = change.base.factors[id]
    const after = change.head.factors[id]
    outcomes.push(
      before === undefined || after === undefined
        ? { matched: false, because: `${id} is not scored in both revisions` }
        : rise(id, before, after, amount, 2),
    )
  }
  return {
    matched: outcomes.every((o) => o.matched),
    because: outcomes.map((o) => o.because).join(' and '),
  }
}

/** "score 5.1 → 7.4, +2.3 ≥ 0.5" */
function rise(
  label: string,
  before: number,
  after: number,
  amount: number,
  digits: number,
): RatchetOutcome {
  const change = roundTo(after - before, digits + 2)
  const matched = change >= amount - 1e-9
  const signed = `${change < 0 ? '-' : '+'}${Math.abs(change).toFixed(digits)}`
  return {
    matched,
    because: `${label} ${before.toFixed(digits)} -> ${after.toFixed(digits)}, ${signed} ${matched ? '>=' : '<'} ${amount.toFixed(digits)}`,
  }
}

export function newTools(
  kinds: readonly string[],
  context: RatchetContext,
): RatchetOutcome {
  const change = context.change
  if (!change) return noBase(context)
  const opened =
    change.head.allTools && (change.status === 'added' || !change.base.allTools)
  if (opened)
    return {
      matched: true,
      because: `tool list opened (every tool of its host, including ${kinds.join(', ')})`,
    }
  const added =
    change.status === 'added'
      ? change.head.tools
      : changesBetween(change.base, change.head).tools.added
  const wanted = added.filter((t) => kinds.includes(t.kind))
  if (wanted.length === 0)
    return { matched: false, because: `no new ${kinds.join(' or ')} tools` }
  return { matched: true, because: describeNewTools(wanted) }
}

/**
 * Tools of these kinds that change things with nobody approving them on the
 * head, where the base had no such tool unapproved: new tools, approvals
 * taken away (a bypass mode, an allow rule), an opened list with no
 * approval. A baseline file does not record approvals: there, only new
 * tools count.
 */
export function newUnapprovedTools(
  kinds: readonly string[],
  context: RatchetContext,
): RatchetOutcome {
  const change = context.change
  if (!change) return noBase(context)
  const base = change.status === 'added' ? undefined : change.base
  const wasUnapproved = (tool: SnapshotTool): boolean =>
    base?.tools.some(
      (t) => toolKey(t) === toolKey(tool) && (t.unapproved ?? true) === true,
    ) ?? false
  const opened =
    change.head.allTools &&
    !change.head.controls.includes('humanApproval') &&
    (base === undefined ||
      !base.allTools ||
      base.controls.includes('humanApproval'))
  if (opened)
    return {
      matched: true,
      because: `tool list opened with no approval (every tool of its host, including ${kinds.join(', ')})`,
    }
  const wanted = change.head.tools.filter(
    (t) => t.unapproved === true && kinds.includes(t.kind) && !wasUnapproved(t),
  )
  if (wanted.length === 0)
    return {
      matched: false,
      because: `no ${kinds.join(' or ')} tool newly without approval`,
    }
  return {
    matched: true,
    because:
      change.status === 'added'
        ? `${describeNewTools(wanted)} without approval`
        : `${describeNewTools(wanted).replace(/^new /, '')} now without approval`,
  }
}

/** "new tool shell (bash)"; "new tools shell (bash, zsh), code-exec (python)" */
export function describeNewTools(tools: readonly SnapshotTool[]): string {
  const byKind = new Map<string, string[]>()
  for (const tool of tools) {
    const names = byKind.get(tool.kind) ?? []
    if (!names.includes(tool.name)) names.push(tool.name)
    byKind.set(tool.kind, names)
  }
  const count = [...byKind.values()].reduce((n, names) => n + names.length, 0)
  const parts = [...byKind].map(([kind, names]) => {
    const shown = names.slice(0, 3).join(', ')
    return `${kind} (${shown}${names.length > 3 ? ', ...' : ''})`
  })
  return `new tool${count === 1 ? '' : 's'} ${parts.join(', ')}`
}

export function removedControls(
  agent: AgentAssessment,
  controls: readonly Control[],
  context: RatchetContext,
): RatchetOutcome {
  const change = context.change
  if (!change) return noBase(context)
  if (change.status === 'added')
    return { matched: false, because: 'new agent: no earlier controls' }
  const removed = controls.filter(
    (c) =>
      change.base.controls.includes(c) && !change.head.controls.includes(c),
  )
  if (removed.length === 0)
    return {
      matched: false,
      because: `${controls.join(', ')} not removed since the base`,
    }
  return {
    matched: true,
    because: removed
      .map(
        (c) =>
          `${c} declared in the base, ${agent.profile.controls[c] === false ? 'declared off' : 'not declared'} now`,
      )
      .join(' and '),
  }
}
