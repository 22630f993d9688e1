import {
  cite,
  newProfile,
  problem,
  type AgentProfile,
  type DataPath,
  type ParsedDocument,
  type Problem,
} from '../../manifest/kit.js'
import { FORMAT_ID, type Link, type Located } from './schema.js'

/** What the readers of one file share. */
export interface Context {
  readonly file: string
  readonly doc: ParsedDocument
  /** Components a reference can name, by id. */
  readonly byId: ReadonlyMap<string, Located>
  readonly problems: Problem[]
  readonly profiles: AgentProfile[]
  /** Entry profile of each component already read (undefined: none). */
  readonly done: Map<string, AgentProfile | undefined>
  /** Referenced ids defined in no component of this file. */
  readonly missing: Set<string>
  /** The profile that stands for an agentic component (read once). */
  readonly profileOf: (loc: Located) => AgentProfile | undefined
}

export function keyOf(loc: Located): string {
  return loc.value.id ?? JSON.stringify(loc.path)
}

export function lineOf(ctx: Context, path: DataPath): number | undefined {
  return ctx.doc.lineOf(path)
}

/** Follows a link to its component, recording references it cannot follow. */
export function follow(
  ctx: Context,
  link: Link,
  path: DataPath,
): Located | undefined {
  if (!link) return undefined
  if (link.kind === 'inline') return { value: link.component, path }
  const found = ctx.byId.get(link.id)
  if (!found && link.id !== '') ctx.missing.add(link.id)
  return found
}

/** The profile of the component a link leads to, if it is agentic. */
export function member(
  ctx: Context,
  link: Link,
  path: DataPath,
): AgentProfile | undefined {
  const loc = follow(ctx, link, path)
  return loc ? ctx.profileOf(loc) : undefined
}

export function startProfile(ctx: Context, loc: Located): AgentProfile {
  const type = loc.value.component_type ?? 'component'
  let name = loc.value.name
  if (name === undefined || name.trim() === '') {
    name = loc.value.id ?? type
    ctx.problems.push(
      problem(
        ctx.file,
        lineOf(ctx, loc.path),
        `${type} has no name; it is reported as "${name}"`,
        { field: 'name', level: 'warning' },
      ),
    )
  }
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: ctx.file,
    line: lineOf(ctx, loc.path) ?? 1,
  })
  const description = loc.value.description
  if (description) profile.description = description.trim()
  cite(profile, 'name', lineOf(ctx, [...loc.path, 'name']))
  ctx.profiles.push(profile)
  return profile
}

/** Every tool waits for confirmation → the agent's actions are approved. */
export function settleToolApproval(profile: AgentProfile): void {
  if (profile.controls.humanApproval === false) return
  if (
    profile.tools.length > 0 &&
    profile.tools.every((t) => t.requiresApproval === true)
  ) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', profile.tools[0]?.line)
  }
}
