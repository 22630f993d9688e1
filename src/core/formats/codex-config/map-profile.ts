import {
  addCredential,
  addNote,
  addTool,
  cite,
  harnessModel,
  harnessTool,
  newProfile,
  type AgentProfile,
  type ManifestFile,
  type ParsedDocument,
  type Problem,
} from '../../manifest/kit.js'
import { readApproval, readSandbox } from './map-approval.js'
import { readServers } from './map-servers.js'
import type { Settings } from './map-settings.js'
import { FORMAT_ID, type CodexFile } from './schema.js'

export const MAIN = 'Codex'

/** The file being read: its data, its document and the problems found. */
export interface CodexRead {
  readonly file: ManifestFile
  readonly data: CodexFile
  readonly doc: ParsedDocument
  readonly problems: Problem[]
}

export function codexProfile(
  name: string,
  read: CodexRead,
  settings: Settings,
  subAgent = false,
): AgentProfile {
  const { file, data, doc } = read
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: file.path,
    line: 1,
  })
  profile.exposure.reach = 'local'
  profile.triggers.push('chat')
  readModel(profile, settings)
  readInstructions(profile, settings)
  const shell = harnessTool('shell', undefined, 'codex').tool
  const patch = harnessTool('apply_patch', undefined, 'codex').tool
  addTool(profile, shell)
  addTool(profile, patch)
  addNote(profile, 'Codex always has a shell and edits files with apply_patch')
  readWebSearch(profile, settings)
  const multiAgent = settings.get(
    ['features', 'multi_agent'],
    (t) => t.features?.multi_agent,
  )
  const agents = data.agents
  if (
    !subAgent &&
    (multiAgent?.value === true ||
      (agents?.entries ?? []).some(([, entry]) => entry !== undefined))
  ) {
    const line = multiAgent?.line ?? doc.lineOf(['agents'])
    addTool(profile, harnessTool('spawn_agent', line).tool)
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
  }
  readSandbox(profile, settings, read.problems, file.path)
  readApproval(profile, settings, read.problems, file.path)
  readServers(profile, settings)
  readProviders(profile, read)
  readEnvironment(profile, settings)
  for (const [path, project] of data.projects ?? [])
    if (project?.trust_level === 'trusted')
      addNote(profile, `the project ${path} is marked trusted`)
  if (!subAgent && agents?.maxDepth !== undefined && agents.maxDepth > 1)
    addNote(
      profile,
      `sub-agents may start sub-agents of their own (max_depth ${agents.maxDepth})`,
    )
  return profile
}

function readModel(profile: AgentProfile, settings: Settings): void {
  const model = settings.get(['model'], (t) => t.model)
  const name = model?.value
  if (name) {
    profile.model = harnessModel(name)
    cite(profile, 'model', model.line)
  } else {
    profile.model = { provider: 'openai', unresolved: true }
    addNote(profile, "no model: it runs on Codex's default model")
  }
  const provider = settings.get(
    ['model_provider'],
    (t) => t.model_provider,
  )?.value
  if (provider) profile.model.provider = provider
  const effort = settings.get(
    ['model_reasoning_effort'],
    (t) => t.model_reasoning_effort,
  )
  const level = effort?.value
  if (level && !/^(none|minimal|low)$/i.test(level)) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', effort.line)
  }
}

const INSTRUCTIONS = [
  'developer_instructions',
  'instructions',
  'base_instructions',
] as const

function readInstructions(profile: AgentProfile, settings: Settings): void {
  for (const key of INSTRUCTIONS) {
    const setting = settings.get([key], (t) => t[key])
    const text = setting?.value?.trim()
    if (!text) continue
    profile.instructions = text
    cite(profile, 'instructions', setting?.line)
    return
  }
  const file =
    settings.get(['model_instructions_file'], (t) => t.model_instructions_file)
      ?.value ??
    settings.get(
      ['experimental_instructions_file'],
      (t) => t.experimental_instructions_file,
    )?.value
  if (file) addNote(profile, `instructions are read from ${file}`)
}

function readWebSearch(profile: AgentProfile, settings: Settings): void {
  const mode = settings.get(['web_search'], (t) => t.web_search)
  const flag =
    settings.get(['tools', 'web_search'], (t) => t.tools?.web_search) ??
    settings.get(
      ['features', 'web_search_request'],
      (t) => t.features?.web_search_request,
    )
  const on =
    (typeof mode?.value === 'string' && mode.value !== 'disabled') ||
    mode?.value === true ||
    flag?.value === true
  if (on)
    addTool(profile, harnessTool('web_search', mode?.line ?? flag?.line).tool)
}

function readProviders(profile: AgentProfile, { data, doc }: CodexRead): void {
  for (const [name, provider] of data.model_providers ?? []) {
    const key = provider?.env_key
    if (!key) continue
    addCredential(
      profile,
      key,
      doc.lineOf(['model_providers', name, 'env_key']),
    )
  }
}

function readEnvironment(profile: AgentProfile, settings: Settings): void {
  const inherit = settings.get(
    ['shell_environment_policy', 'inherit'],
    (t) => t.shell_environment_policy?.inherit,
  )
  if (inherit?.value === 'all')
    addNote(
      profile,
      'shell_environment_policy inherit = "all": commands see every environment variable',
    )
  const excludes = settings.get(
    ['shell_environment_policy', 'ignore_default_excludes'],
    (t) => t.shell_environment_policy?.ignore_default_excludes,
  )
  if (excludes?.value === true)
    addNote(
      profile,
      'shell commands also see variables named like KEY, SECRET or TOKEN',
    )
}
