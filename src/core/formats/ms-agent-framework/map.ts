import {
  addNote,
  addTool,
  cite,
  fileStem,
  isPlaceholder,
  newProfile,
  problem,
  pushUnique,
  readWith,
  rejected,
  type FormatResult,
  type ManifestFile,
  type Problem,
} from '../../manifest/kit.js'
import { readModel, type Context } from './map-model.js'
import { readTools } from './map-tools.js'
import { AgentFile } from './schema.js'

const FORMAT_ID = 'ms-agent-framework'
const KINDS = new Set(['Prompt', 'Agent', 'GptComponentMetadata'])

export function mapAgentFramework(file: ManifestFile): FormatResult {
  const read = readWith(file, 'yaml', AgentFile)
  if (!read.ok) return read.result
  const root = read.data
  const kind = root?.kind
  if (!root || kind === undefined || !KINDS.has(kind))
    return rejected(
      'no top-level kind Prompt, Agent or GptComponentMetadata: not an Agent Framework agent',
    )
  if (root.apiVersion !== undefined || root.spec !== undefined)
    return rejected(
      `kind ${kind} with apiVersion/spec is a Kubernetes-style resource, not an Agent Framework agent`,
    )
  const name = root.name ?? root.displayName
  // `kind: Prompt` is also used by prompt files of other tools.
  const agentShaped =
    root.instructions !== undefined ||
    root.model?.value !== undefined ||
    (kind === 'GptComponentMetadata' && root.aISettings !== undefined)
  if (!agentShaped)
    return rejected(
      `kind ${kind} without instructions or a model: a prompt file of another tool, not an agent`,
    )
  const problems: Problem[] = []
  if (name === undefined || name.trim() === '')
    problems.push(
      problem(file.path, read.lineOf(['kind']), 'agent has no name', {
        field: 'name',
        level: 'warning',
      }),
    )
  problems.push(...read.problems)
  const profile = newProfile({
    name: name?.trim() || fileStem(file.path, /\.ya?ml$/i),
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf([]) ?? 1,
  })
  const ctx: Context = { read, profile }
  readHeader(ctx, root)
  readModel(ctx, root.model)
  if (kind === 'GptComponentMetadata') readGptComponent(ctx, root)
  readTools(ctx, root.tools)
  return { agents: [profile], problems, document: read.doc }
}

function readHeader(ctx: Context, root: AgentFile): void {
  const { profile, read } = ctx
  cite(profile, 'name', read.lineOf(['name']) ?? read.lineOf(['displayName']))
  if (root.description) profile.description = root.description.trim()
  const parts = [root.instructions, root.additionalInstructions].filter(
    (text): text is string => text !== undefined,
  )
  if (parts.length > 0) {
    profile.instructions = parts.join('\n\n')
    cite(profile, 'instructions', read.lineOf(['instructions']))
    if (parts.some(isPlaceholder)) {
      addNote(
        profile,
        'instructions come from a PowerFx expression evaluated at load time',
      )
    }
  }
  if (root.outputSchema !== undefined)
    addNote(profile, 'answers follow a declared outputSchema')
  const format = root.template?.format?.kind
  if (format)
    addNote(profile, `instructions are a ${format} template filled at run time`)
}

/** Copilot Studio's shape: capabilities instead of tools, a model hint. */
function readGptComponent(ctx: Context, root: AgentFile): void {
  const { profile, read } = ctx
  const hint = root.aISettings?.value?.model?.modelNameHint
  if (hint !== undefined && profile.model.name === undefined) {
    profile.model.name = hint
    cite(profile, 'model', read.lineOf(['aISettings']))
  }
  const capabilities = root.gptCapabilities
  const line = read.lineOf(['gptCapabilities'])
  if (capabilities?.webBrowsing === true) {
    addTool(profile, {
      name: 'webBrowsing',
      kind: 'search',
      readOnly: true,
      line,
      source: 'builtin',
    })
    profile.exposure.untrustedInput = true
  }
  if (capabilities?.codeInterpreter === true) {
    addTool(profile, {
      name: 'codeInterpreter',
      kind: 'code-exec',
      line,
      source: 'builtin',
    })
    profile.autonomy.codeExecution = true
  }
  if (profile.tools.length > 0) cite(profile, 'tools', line)
  if ((root.conversationStarters?.length ?? 0) > 0) {
    pushUnique(profile.triggers, 'chat')
    pushUnique(profile.exposure.channels, 'chat')
  }
}
