import {
  classifyTool,
  declareDescriptorClaims,
  newProfile,
  normalizeToolKind,
  readAivssBlock,
  readWith,
  validateIgnoringUnknown,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
  type ParsedDocument,
  type Problem,
  type Tool,
} from '../../manifest/kit.js'
import {
  AgentInput,
  DescriptorFile,
  type Entry,
  type ToolInput,
} from './schema.js'

const ID = 'aivss-descriptor'
const FILE_HELP =
  'See "The aivss descriptor" in the README for the fields a descriptor takes.'

export function mapDescriptor(file: ManifestFile): FormatResult {
  const read = readWith(file, 'auto', DescriptorFile)
  if (!read.ok) return read.result
  const { data, doc } = read
  if (!data)
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
  const problems: Problem[] = data.beside.map((key) => ({
    file: file.path,
    line: doc.lineOf([key]),
    field: key,
    message: `unknown field "${key}" next to agents: ignored; a file with several agents holds only the agents list`,
    level: 'warning',
  }))
  const agents: AgentProfile[] = []
  for (const entry of data.entries) {
    const profile = readAgent(entry, file.path, doc, problems)
    if (profile) agents.push(profile)
  }
  return { agents, problems }
}

/** One agent, checked; undefined (with its problems) when it fails. */
function readAgent(
  entry: Entry,
  file: string,
  doc: ParsedDocument,
  problems: Problem[],
): AgentProfile | undefined {
  // An unknown field is a warning on an agent that is still scored: one
  // stray key must not make the agent vanish.
  const result = validateIgnoringUnknown(AgentInput, entry.value, {
    doc,
    file,
    basePath: entry.path,
    help: FILE_HELP,
  })
  if (!result.ok) {
    problems.push(...result.problems)
    return undefined
  }
  if (result.ignored) problems.push(...result.ignored)
  const aivss = readAivssBlock(
    doc,
    result.data.aivss,
    [...entry.path, 'aivss'],
    file,
  )
  const profile = toProfile(result.data, file, doc, entry.path)
  // A declaration that cannot be read is left out, not the agent: it is
  // scored on what the descriptor says otherwise.
  if (aivss.problems.length > 0) problems.push(...aivss.problems)
  else if (aivss.declared) profile.aivss = aivss.declared
  // Its controls and safeguards are the author's claims, like its aivss block.
  declareDescriptorClaims(profile, file, (control) =>
    doc.lineOf([...entry.path, 'controls', control]),
  )
  return profile
}

/** The descriptor's fields are the profile's: they map one to one. */
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
    format: ID,
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
  readMemory(profile, input.memory)
  profile.subAgents = input.subAgents ?? []
  profile.parent = input.parent
  readDelegation(profile, input.delegation)
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

/** A kind (`persistent`), or the stores, a store of its own making it persistent. */
function readMemory(profile: AgentProfile, memory: AgentInput['memory']): void {
  if (typeof memory === 'string') {
    profile.memory = { kind: memory, stores: [] }
  } else if (memory) {
    const stores = [
      ...(memory.stores ?? []),
      ...(memory.store ? [memory.store] : []),
    ]
    profile.memory = {
      kind: memory.kind ?? (stores.length > 0 ? 'persistent' : undefined),
      stores,
      writable: memory.writable,
    }
  }
}

/** `true`, or what the delegation is. */
function readDelegation(
  profile: AgentProfile,
  delegation: AgentInput['delegation'],
): void {
  if (typeof delegation === 'boolean') {
    profile.delegation = { canDelegate: delegation, peers: [] }
  } else if (delegation) {
    profile.delegation = { ...delegation, peers: delegation.peers ?? [] }
  }
}

/** A tool by name (its kind guessed from it), or in full. */
function toTool(input: ToolInput, line: number | undefined): Tool {
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
