import {
  addNote,
  applyHooks,
  approvalOf,
  cite,
  fileStem,
  harnessModel,
  hookCommands,
  joinPath,
  listSummary,
  newProfile,
  pathSegments,
  readWith,
  rejected,
  settleApproval,
  splitPath,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Reading,
} from '../../manifest/kit.js'
import { readAllowed, readSettings } from './map-settings.js'
import { readTools, serversOf } from './map-tools.js'
import { AgentFile } from './schema.js'

const FORMAT_ID = 'amazon-q-agent'

export function mapAmazonQAgent(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', AgentFile)
  if (!read.ok) return read.result
  const agent = read.data
  if (!agent)
    return rejected('not a JSON object: not an Amazon Q or Kiro agent')
  const problems = read.problems
  const kiro = pathSegments(file.path).includes('.kiro')
  const profile = newProfile({
    name: agent.name?.trim() || fileStem(file.path, /\.json$/i),
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', read.lineOf(['name']))
  const description = agent.description?.trim()
  if (description) profile.description = description
  profile.exposure.reach = 'local'
  profile.triggers.push('chat')
  readPrompt(profile, agent, read, file)
  if (agent.model) {
    profile.model = harnessModel(agent.model)
    cite(profile, 'model', read.lineOf(['model']))
  } else addNote(profile, "no model: it runs on the CLI's default model")
  const servers = serversOf(agent, read, file, kiro)
  readTools(profile, agent.tools, read, servers, kiro)
  readAllowed(profile, agent.allowedTools, read)
  readSettings(profile, agent.toolsSettings, read)
  readApproval(profile, read)
  readResources(profile, agent.resources)
  readHooks(profile, agent, read)
  readAwsIdentity(profile)
  return { agents: [profile], problems, document: read.doc }
}

/** `prompt`: the instructions, inline or in a `file://` path of the scan. */
function readPrompt(
  profile: AgentProfile,
  agent: AgentFile,
  read: Reading<unknown>,
  file: ManifestFile,
): void {
  const prompt = agent.prompt?.trim()
  if (!prompt) return
  cite(profile, 'instructions', read.lineOf(['prompt']))
  const ref = /^file:\/\/(.+)$/.exec(prompt)?.[1]
  if (!ref) {
    profile.instructions = prompt
    return
  }
  // Absolute and home paths are outside the scan.
  const path = /^(\/|~)/.test(ref)
    ? undefined
    : joinPath(splitPath(file.path).dir, ref, { clampAtRoot: true })
  const text = path === undefined ? undefined : file.readSibling(path)
  if (text !== undefined) profile.instructions = text.trim()
  addNote(
    profile,
    `instructions are read from ${ref}${text === undefined ? ', which is not in the scan' : ''}`,
  )
}

/** humanApproval from the tools' approvals, cited at allowedTools if any. */
function readApproval(profile: AgentProfile, read: Reading<unknown>): void {
  const approval = approvalOf(profile.tools)
  const line = read.lineOf(['allowedTools'])
  if (approval !== undefined && line === undefined) {
    // No allowedTools: the host's defaults decided every approval.
    settleApproval(profile)
  } else if (approval !== undefined) {
    profile.controls.humanApproval = approval
    cite(profile, 'controls.humanApproval', line)
  }
}

function readResources(
  profile: AgentProfile,
  resources: readonly string[],
): void {
  if (resources.length > 0)
    addNote(profile, `files loaded into its context: ${listSummary(resources)}`)
}

function readHooks(
  profile: AgentProfile,
  agent: AgentFile,
  read: Reading<unknown>,
): void {
  const hooks = hookCommands(agent.hooks)
  if (hooks.length === 0) return
  // These events run before the model answers: their output is prompt.
  const context = hooks.filter((h) =>
    /^(agentSpawn|userPromptSubmit)$/.test(h.event),
  )
  if (context.length > 0)
    addNote(
      profile,
      `hook output enters its prompt: ${listSummary(context.map((h) => h.command))}`,
    )
  applyHooks(profile, hooks, (path) => read.lineOf(['hooks', ...path]))
}

/** use_aws (Kiro's aws) acts as the user, with the user's credentials. */
function readAwsIdentity(profile: AgentProfile): void {
  const aws = profile.tools.find(
    (t) => t.kind === 'cloud-admin' && t.source === 'builtin',
  )
  if (!aws) return
  profile.identity.kind = 'delegated'
  cite(profile, 'identity', aws.line)
  addNote(profile, `${aws.name} acts with the user's own AWS credentials`)
}
