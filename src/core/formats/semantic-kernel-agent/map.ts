import {
  addNote,
  cite,
  fileStem,
  newProfile,
  problem,
  readWith,
  rejected,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import { AGENT_TYPES, readModel } from './map-model.js'
import { readTools } from './map-tools.js'
import { SemanticKernelAgent } from './schema.js'

const ID = 'semantic-kernel-agent'

/** Custom types registered with `@register_agent_type` follow this shape. */
const CUSTOM_TYPE = /^[a-z][a-z0-9_]*_(agent|assistant|responses)$/

export function mapSemanticKernel(file: ManifestFile): FormatResult {
  const read = readWith(file, 'yaml', SemanticKernelAgent)
  if (!read.ok) return read.result
  const root = read.data
  const type = root?.type
  if (!root || type === undefined)
    return rejected('no top-level agent type: not a Semantic Kernel agent')
  if (root.kind !== undefined)
    return rejected(
      'top-level kind: a Microsoft Agent Framework or other typed YAML, not a Semantic Kernel agent',
    )
  if (!AGENT_TYPES.has(type) && !CUSTOM_TYPE.test(type))
    return rejected(`type ${type} is not a Semantic Kernel agent type`)
  const problems: Problem[] = []
  const name = root.name
  if (name === undefined || name.trim() === '') {
    problems.push(
      problem(file.path, read.lineOf(['type']), 'agent has no name', {
        field: 'name',
        help: 'Semantic Kernel requires a name for every declarative agent.',
      }),
    )
  }
  problems.push(...read.problems)
  const profile = newProfile({
    name: name?.trim() || fileStem(file.path, /\.ya?ml$/i),
    format: ID,
    file: file.path,
    line: read.lineOf([]) ?? 1,
  })
  readHeader(profile, root, type, read)
  readModel(profile, root.model, type, read)
  readTools(profile, root.tools, read, problems, file.path)
  return { agents: [profile], problems, document: read.doc }
}

function readHeader(
  profile: AgentProfile,
  root: SemanticKernelAgent,
  type: string,
  read: Reading<unknown>,
): void {
  cite(profile, 'name', read.lineOf(['name']))
  if (root.description) profile.description = root.description.trim()
  if (root.instructions !== undefined) {
    profile.instructions = root.instructions
    cite(profile, 'instructions', read.lineOf(['instructions']))
  }
  if (!AGENT_TYPES.has(type))
    addNote(
      profile,
      `custom agent type ${type}: its behaviour is defined by code registered with @register_agent_type`,
    )
  const { template, inputs } = root
  if (template || inputs.length > 0) {
    const format = template?.format ?? 'semantic-kernel'
    addNote(
      profile,
      `instructions are a ${format} template${inputs.length > 0 ? ` filled from inputs (${inputs.slice(0, 5).join(', ')})` : ''}: callers shape the instructions`,
    )
  }
}
