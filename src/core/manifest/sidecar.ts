import { z } from 'zod'
import { parseStructured, type ParsedDocument } from '../parse/document.js'
import { validate } from '../parse/validate.js'
import { problemFrom, type Problem } from '../problems.js'
import {
  CONTROLS,
  type AgentProfile,
  type Control,
  type Controls,
} from '../profile/schema.js'
import { declareControl, mergeDeclared, readAivssBlock } from './aivss-block.js'

/**
 * A sidecar `<manifest>.aivss.yml` adds what a manifest format cannot say:
 * an `aivss:` block and declared controls, for every agent of the manifest
 * or, under `agents: { <name>: … }`, for one of them.
 *
 *   aivss: { threatMultiplier: attacked }
 *   controls: { logging: true }
 *   agents:
 *     researcher: { aivss: { factors: { dynamicToolUse: 0.9 } } }
 */

/**
 * The sidecars that are sidecars: of `x.aivss.yml` beside `x`, those whose
 * `x` a format read into agents. Beside a file that holds no agent
 * (`touch agents/ops` next to `agents/ops.aivss.yml`) the file is a
 * descriptor and its agent is scored: an empty sibling cannot hide it. One
 * that is no descriptor either (it names no agent) stays the sidecar of
 * nothing, and says so.
 */
export function sidecarsInUse(
  sidecars: ReadonlyMap<string, string>,
  outcomes: Iterable<{
    readonly path: string
    readonly agents: readonly unknown[]
  }>,
): Map<string, string> {
  const holdsAgents = new Set<string>()
  for (const outcome of outcomes)
    if (outcome.agents.length > 0) holdsAgents.add(outcome.path)
  const inUse = new Map<string, string>()
  for (const [manifest, sidecar] of sidecars)
    if (holdsAgents.has(manifest) || !holdsAgents.has(sidecar))
      inUse.set(manifest, sidecar)
  return inUse
}

const ControlsInput = z.strictObject(
  Object.fromEntries(CONTROLS.map((c) => [c, z.boolean().optional()])),
)

const SidecarEntry = z.strictObject({
  aivss: z.unknown().optional(),
  controls: ControlsInput.optional(),
})

const SidecarInput = SidecarEntry.extend({
  $schema: z.string().optional(),
  agents: z.record(z.string(), SidecarEntry).optional(),
})

const HELP =
  'A sidecar holds aivss (the AIVSS block), controls, and agents: { <agent name>: { aivss, controls } }.'

/** Applies a sidecar to the agents of its manifest; returns its problems. */
export function applySidecar(
  path: string,
  text: string,
  agents: readonly AgentProfile[],
): Problem[] {
  let doc: ParsedDocument
  try {
    doc = parseStructured(text, path)
  } catch (error) {
    return [problemFrom(error, path)]
  }
  const result = validate(SidecarInput, doc.value, {
    doc,
    file: path,
    help: HELP,
  })
  if (!result.ok) return result.problems
  const problems: Problem[] = []
  const fileWide = readAivssBlock(doc, result.data.aivss, ['aivss'], path)
  problems.push(...fileWide.problems)
  for (const agent of agents) {
    agent.aivss = mergeDeclared(agent.aivss, fileWide.declared)
    mergeControls(agent, result.data.controls as Controls | undefined, path)
  }
  for (const [name, entry] of Object.entries(result.data.agents ?? {})) {
    const targets = agents.filter((agent) => agent.name === name)
    if (targets.length === 0) {
      problems.push({
        file: path,
        line: doc.lineOf(['agents', name]),
        field: `agents.${name}`,
        message: `no agent named "${name}" in ${path.replace(/\.aivss\.(ya?ml|json)$/i, '')}`,
        help: `Agents in that manifest: ${agents.map((a) => a.name).join(', ') || 'none'}.`,
        level: 'error',
      })
      continue
    }
    const block = readAivssBlock(
      doc,
      entry.aivss,
      ['agents', name, 'aivss'],
      path,
    )
    problems.push(...block.problems)
    for (const agent of targets) {
      agent.aivss = mergeDeclared(agent.aivss, block.declared)
      mergeControls(agent, entry.controls as Controls | undefined, path)
    }
  }
  return problems
}

function mergeControls(
  agent: AgentProfile,
  controls: Controls | undefined,
  path: string,
): void {
  if (!controls) return
  for (const [control, value] of Object.entries(controls)) {
    if (value === undefined) continue
    // Recorded as declared: a pull request's sidecar is a claim, not a fact.
    declareControl(agent, control as Control, value, path)
    agent.notes.push(`${control}: ${String(value)} declared in ${path}`)
  }
}
