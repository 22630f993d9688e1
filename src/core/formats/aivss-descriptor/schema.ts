import { z } from 'zod'
import {
  CONTROLS,
  DELEGATION_MODES,
  IDENTITY_KINDS,
  looseObject,
  MEMORY_KINDS,
  normalizeToolKind,
  raw,
  REACH_LEVELS,
  TOOL_KIND_HELP,
  TRIGGERS,
  type DataPath,
} from '../../manifest/kit.js'

/**
 * A descriptor is the profile written by hand, so unlike a host's manifest
 * it is checked strictly: each agent against `AgentInput`, whose issues
 * become problems that name the field (an unknown field is only a warning,
 * so that one stray key does not drop the agent). The file around the
 * agents is read tolerantly: one agent, or several under `agents:`.
 */

const toolKind = z
  .string()
  .refine((kind) => normalizeToolKind(kind) !== undefined, {
    message: `unknown tool kind; use one of ${TOOL_KIND_HELP}`,
  })

const ToolInput = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().min(1),
    kind: toolKind.optional(),
    description: z.string().optional(),
    requiresApproval: z.boolean().optional(),
    readOnly: z.boolean().optional(),
  }),
])
export type ToolInput = z.output<typeof ToolInput>

const MemoryInput = z.union([
  z.enum(MEMORY_KINDS),
  z.strictObject({
    kind: z.enum(MEMORY_KINDS).optional(),
    store: z.string().optional(),
    stores: z.array(z.string()).optional(),
    writable: z.boolean().optional(),
  }),
])

export const AgentInput = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  model: z
    .union([
      z.string(),
      z.strictObject({
        name: z.string().optional(),
        provider: z.string().optional(),
        temperature: z.number().min(0).max(2).optional(),
        seed: z.number().int().optional(),
      }),
    ])
    .optional(),
  instructions: z.string().optional(),
  skills: z
    .array(
      z.union([
        z.string(),
        z.strictObject({
          name: z.string(),
          description: z.string().optional(),
        }),
      ]),
    )
    .optional(),
  tools: z.array(ToolInput).optional(),
  allTools: z.boolean().optional(),
  memory: MemoryInput.optional(),
  subAgents: z.array(z.string().min(1)).optional(),
  parent: z.string().optional(),
  delegation: z
    .union([
      z.boolean(),
      z.strictObject({
        canDelegate: z.boolean().optional(),
        mode: z.enum(DELEGATION_MODES).optional(),
        peers: z.array(z.string()).optional(),
        dynamic: z.boolean().optional(),
      }),
    ])
    .optional(),
  identity: z
    .strictObject({
      kind: z.enum(IDENTITY_KINDS).optional(),
      authSchemes: z.array(z.string()).optional(),
      credentials: z.array(z.string()).optional(),
    })
    .optional(),
  controls: z
    .strictObject(
      Object.fromEntries(CONTROLS.map((c) => [c, z.boolean().optional()])),
    )
    .optional(),
  exposure: z
    .strictObject({
      reach: z.enum(REACH_LEVELS).optional(),
      channels: z.array(z.string()).optional(),
      endpoint: z.string().optional(),
      untrustedInput: z.boolean().optional(),
      inputFiltering: z.boolean().optional(),
    })
    .optional(),
  triggers: z.array(z.enum(TRIGGERS)).optional(),
  autonomy: z
    .strictObject({
      maxIterations: z.number().int().positive().optional(),
      permissionMode: z.string().optional(),
      planning: z.boolean().optional(),
      codeExecution: z.boolean().optional(),
      selfEditing: z.boolean().optional(),
    })
    .optional(),
  notes: z.array(z.string()).optional(),
  aivss: z.unknown().optional(),
})
export type AgentInput = z.output<typeof AgentInput>

/** One agent of the file, not yet checked, and where it stands. */
export interface Entry {
  readonly value: unknown
  readonly path: DataPath
}

/** Several agents: an `agents` list, and no name of the file's own. */
const Several = looseObject({
  agents: z.array(raw()),
  name: z.undefined(),
}).transform(({ agents, ...rest }) => ({
  entries: agents.map((value, index): Entry => ({
    value,
    path: ['agents', index],
  })),
  // Keys beside the list, which a file of several agents does not take.
  beside: Object.keys(rest).filter((key) => key !== '$schema'),
}))

/** One agent: the file's own fields, its `$schema` left out. */
const One = looseObject({}).transform(({ $schema: _schema, ...agent }) => ({
  entries: [{ value: agent, path: [] } satisfies Entry],
  beside: [] as string[],
}))

/** The file's agents; undefined when it is not a mapping at all. */
export const DescriptorFile = z.union([
  Several,
  One,
  z.unknown().transform(() => undefined),
])
