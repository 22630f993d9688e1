import type {
  AgentProfile,
  DataPath,
  ParsedDocument,
  Problem,
} from '../../manifest/kit.js'
import type { Component, Config } from './schema.js'

/** What the mapping of one document builds up, component by component. */
export interface Reader {
  readonly file: string
  readonly doc: ParsedDocument
  readonly agents: AgentProfile[]
  readonly problems: Problem[]
  /** The team's name when it has none: the file's stem. */
  readonly fallbackName: string
  /** Reads a nested team or agent component; false when it is neither. */
  readonly component: (
    component: Component,
    path: DataPath,
    parent: AgentProfile | undefined,
  ) => AgentProfile | false
}

/** A config that is not a mapping: nothing stated. */
export const NO_CONFIG: Config = {}

export function linkChild(parent: AgentProfile, child: AgentProfile): void {
  child.parent = parent.name
  if (!parent.subAgents.includes(child.name)) parent.subAgents.push(child.name)
}

/** Agent class names of the legacy format. */
export const LEGACY_AGENT = /^[A-Z]\w*Agent$/

// Folds rather than Math.min(...list): a manifest's list can be long enough
// to overflow the argument stack.
export function smallest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.min(a, b))
}

export function largest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b))
}
