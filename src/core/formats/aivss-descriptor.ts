/**
 * aivss-gate's own descriptor, for agents that have no manifest (agents built
 * in code): `*.aivss.yml`, `*.aivss.yaml` or `*.aivss.json`.
 *
 * Mapping: the file holds the profile's own fields, so it maps one to one:
 * name, description, model, instructions, skills, tools (kind given, or
 * guessed from the name), memory, subAgents/parent, delegation, identity,
 * controls, exposure, triggers, autonomy, notes, aivss. One agent per file, or
 * several under `agents:`.
 *
 * Defaults: a field that is absent stays "not stated" in the profile; the
 * estimator then says what it assumed. A file named like a sidecar of an
 * existing manifest (`crew.yaml.aivss.yml` next to `crew.yaml`) is read as
 * that manifest's sidecar, not here.
 */
import { z } from 'zod'
import {
  declareDescriptorClaims,
  readAivssBlock,
} from '../manifest/aivss-block.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import { isRecord } from '../parse/data.js'
import {
  parseStructured,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'
import { validateIgnoringUnknown } from '../parse/validate.js'
import { problemFrom, type Problem } from '../problems.js'
import { newProfile } from '../profile/build.js'
import {
  CONTROLS,
  DELEGATION_MODES,
  IDENTITY_KINDS,
  MEMORY_KINDS,
  REACH_LEVELS,
  TRIGGERS,
  type AgentProfile,
  type Tool,
} from '../profile/schema.js'
import {
  classifyTool,
  normalizeToolKind,
  TOOL_KIND_HELP,
} from '../profile/tool-kinds.js'

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

const MemoryInput = z.union([
  z.enum(MEMORY_KINDS),
  z.strictObject({
    kind: z.enum(MEMORY_KINDS).optional(),
    store: z.string().optional(),
    stores: z.array(z.string()).optional(),
    writable: z.boolean().optional(),
  }),
])

const AgentInput = z.strictObject({
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
type AgentInput = z.infer<typeof AgentInput>

const FILE_HELP =
  'See "The aivss descriptor" in the README for the fields a descriptor takes.'

const descriptor: FormatModule = {
  id: 'aivss-descriptor',
  title: 'aivss-gate descriptor',
  nameEndings: ['.yaml', '.yml', '.json'],
  matchPath: (path) => (/\.aivss\.(ya?ml|json)$/i.test(path) ? 'yes' : 'no'),
  parse: parseDescriptor,
}
export default descriptor

function parseDescriptor(file: ManifestFile): FormatResult {
  let doc: ParsedDocument
  try {
    doc = parseStructured(file.text, file.path)
  } catch (error) {
    return { agents: [], problems: [problemFrom(error, file.path)] }
  }
  const root = doc.value
  const entries: Array<{ value: unknown; path: DataPath }> = []
  const extraProblems: Problem[] = []
  if (isRecord(root) && Array.isArray(root.agents) && root.name === undefined) {
    root.agents.forEach((value, index) =>
      entries.push({ value, path: ['agents', index] }),
    )
    const extra = Object.keys(root).filter(
      (key) => key !== 'agents' && key !== '$schema',
    )
    for (const key of extra)
      extraProblems.push({
        file: file.path,
        line: doc.lineOf([key]),
        field: key,
        message: `unknown field "${key}" next to agents: ignored; a file with several agents holds only the agents list`,
        level: 'warning',
      })
  } else if (isRecord(root)) {
    const { $schema: _schema, ...agent } = root
    entries.push({ value: agent, path: [] })
  } else {
    return {
      agents: [],
      problems: [
        {
          file: file.path,
          line: 1,
          message:
            'a descriptor must be a mapping with at least a name (or an agents list)',
          help: FILE_HELP,
          level: 'error',
        },
      ],
    }
  }
  const agents: AgentProfile[] = []
  const problems: Problem[] = [...extraProblems]
  for (const entry of entries) {
    // An unknown field is a warning on an agent that is still scored: one
    // stray key must not make the agent vanish.
    const result = validateIgnoringUnknown(AgentInput, entry.value, {
      doc,
      file: file.path,
      basePath: entry.path,
      help: FILE_HELP,
    })
    if (!result.ok) {
      problems.push(...result.problems)
      continue
    }
    if (result.ignored) problems.push(...result.ignored)
    const aivss = readAivssBlock(
      doc,
      result.data.aivss,
      [...entry.path, 'aivss'],
      file.path,
    )
    const profile = toProfile(result.data, file.path, doc, entry.path)
    // A declaration that cannot be read is left out, not the agent: it is
    // scored on what the descriptor says otherwise.
    if (aivss.problems.length > 0) problems.push(...aivss.problems)
    else if (aivss.declared) profile.aivss = aivss.declared
    // Its controls and safeguards are the author's claims, like its aivss block.
    declareDescriptorClaims(profile, file.path, (control) =>
      doc.lineOf([...entry.path, 'controls', control]),
    )
    agents.push(profile)
  }
  return { agents, problems }
}

function toProfile(
  input: AgentInput,
  file: string,
  doc: ParsedDocument,
  base: DataPath,
): AgentProfile {
  const lineOf = (...path: Array<string | number>): number | undefined =>
    doc.lineOf([...base, ...path])
  const profile = newProfile({
    name: input.name,
    format: descriptor.id,
    file,
    line: lineOf('name') ?? lineOf() ?? 1,
  })
  profile.description = input.description
  profile.instructions = input.instructions
  if (typeof input.model === 'string') profile.model = { name: input.model }
  else if (input.model) profile.model = { ...input.model }
  profile.skills = (input.skills ?? []).map((skill) =>
    typeof skill === 'string' ? { name: skill } : skill,
  )
  profile.tools = (input.tools ?? []).map((tool, index) =>
    toTool(tool, lineOf('tools', index)),
  )
  profile.allTools = input.allTools
  if (typeof input.memory === 'string') {
    profile.memory = { kind: input.memory, stores: [] }
  } else if (input.memory) {
    const stores = [
      ...(input.memory.stores ?? []),
      ...(input.memory.store ? [input.memory.store] : []),
    ]
    profile.memory = {
      kind: input.memory.kind ?? (stores.length > 0 ? 'persistent' : undefined),
      stores,
      writable: input.memory.writable,
    }
  }
  profile.subAgents = input.subAgents ?? []
  profile.parent = input.parent
  if (typeof input.delegation === 'boolean') {
    profile.delegation = { canDelegate: input.delegation, peers: [] }
  } else if (input.delegation) {
    profile.delegation = {
      ...input.delegation,
      peers: input.delegation.peers ?? [],
    }
  }
  if (input.identity) {
    profile.identity = {
      kind: input.identity.kind,
      authSchemes: input.identity.authSchemes ?? [],
      credentials: input.identity.credentials ?? [],
    }
  }
  profile.controls = { ...input.controls }
  if (input.exposure)
    profile.exposure = {
      ...input.exposure,
      channels: input.exposure.channels ?? [],
    }
  profile.triggers = input.triggers ?? []
  profile.autonomy = { ...input.autonomy }
  profile.notes = input.notes ?? []
  for (const field of Object.keys(input)) {
    const line = lineOf(field)
    if (line !== undefined) profile.evidence[field] = line
  }
  for (const control of Object.keys(input.controls ?? {})) {
    const line = lineOf('controls', control)
    if (line !== undefined) profile.evidence[`controls.${control}`] = line
  }
  return profile
}

function toTool(
  input: z.infer<typeof ToolInput>,
  line: number | undefined,
): Tool {
  if (typeof input === 'string') {
    return { name: input, kind: classifyTool(input), line, source: 'declared' }
  }
  return {
    name: input.name,
    kind: input.kind
      ? (normalizeToolKind(input.kind) ?? 'other')
      : classifyTool(input.name, input.description),
    description: input.description,
    requiresApproval: input.requiresApproval,
    readOnly: input.readOnly,
    line,
    source: 'declared',
  }
}
