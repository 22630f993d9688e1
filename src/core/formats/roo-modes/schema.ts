import { z } from 'zod'
import {
  indexedArray,
  locatedObject,
  looseArray,
  maybeObject,
  must,
  text,
} from '../../manifest/kit.js'

/**
 * A Roo Code modes file, tolerantly: modes that are not mappings, modes
 * without a slug and groups Roo does not know are reported on their line
 * and left out; every other field of the wrong type is not stated.
 */

export const GROUPS = [
  'read',
  'edit',
  'browser',
  'command',
  'mcp',
  'modes',
] as const
export type GroupName = (typeof GROUPS)[number]

const isGroup = (name: unknown): name is GroupName =>
  typeof name === 'string' && (GROUPS as readonly string[]).includes(name)

const Limits = maybeObject({ fileRegex: text(), description: text() })

/** `"edit"`, or `["edit", { fileRegex, description }]`. */
const Group = z
  .unknown()
  .transform((group) => {
    const [name, options] = Array.isArray(group) ? group : [group]
    if (!isGroup(name)) return undefined
    const limits = Array.isArray(group) ? Limits.parse(options) : undefined
    return {
      name,
      fileRegex: limits?.fileRegex,
      limitDescription: limits?.description,
    }
  })
  .refine((group) => group !== undefined)
  .transform((group) => group as NonNullable<typeof group>)
export type Group = z.output<typeof Group> & { readonly index: number }

function unknownGroup(group: unknown): string {
  const name = Array.isArray(group) ? group[0] : group
  return `unknown group ${JSON.stringify(typeof name === 'string' ? name : group)}`
}

const Mode = locatedObject({
  // First, so that a mode left out for want of a slug reports nothing else.
  slug: must(
    z
      .unknown()
      .transform((slug) => (typeof slug === 'string' ? slug.trim() : '')),
    (slug) => slug !== '',
    { message: 'a mode needs a slug' },
  ),
  name: text(),
  description: text(),
  whenToUse: text(),
  roleDefinition: text(),
  customInstructions: text(),
  groups: indexedArray(Group, {
    entry: {
      message: unknownGroup,
      level: 'warning',
      help: `Use ${GROUPS.join(', ')}.`,
    },
    notList: { message: 'groups must be a list' },
  }),
})
export type Mode = z.output<typeof Mode>

export const RooModesFile = maybeObject({
  customModes: looseArray(Mode, {
    entry: {
      message:
        'a mode must be a mapping with slug, name, roleDefinition and groups',
    },
    notList: { message: 'customModes must be a list of modes' },
  }),
})
