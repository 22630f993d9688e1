import {
  addNote,
  cite,
  isPlaceholder,
  newProfile,
  readWith,
  rejected,
  splitPath,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import { readActions, resolveRelative } from './map-actions.js'
import { readCapabilities } from './map-capabilities.js'
import { mapPlugin } from './map-standalone.js'
import { AGENT_SCHEMA, FORMAT_ID, Manifest, PLUGIN_SCHEMA } from './schema.js'

export function mapM365(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', Manifest)
  if (!read.ok) return read.result
  const root = read.data
  if (!root) return rejected('not a Microsoft 365 manifest: not a JSON object')
  if (isPlugin(root)) return mapPlugin(file)
  if (root.api && root.name_for_model) {
    return rejected(
      'a ChatGPT plugin manifest (schema v1), not a Microsoft 365 API plugin',
    )
  }
  if (!isDeclarativeAgent(root)) {
    return rejected(
      'not a Microsoft 365 declarative agent: no declarative-agent $schema, and no name with instructions',
    )
  }
  const problems: Problem[] = [...read.problems]
  const profile = readAgent(file, read, root, problems)
  return { agents: [profile], problems, document: read.doc }
}

function isDeclarativeAgent(root: Manifest): boolean {
  if (AGENT_SCHEMA.test(root.$schema ?? '')) return true
  return (
    root.name !== undefined &&
    root.instructions !== undefined &&
    (root.capabilities !== undefined ||
      root.actions !== undefined ||
      root.conversation_starters === true)
  )
}

function isPlugin(root: Manifest): boolean {
  if (PLUGIN_SCHEMA.test(root.$schema ?? '')) return true
  return (
    /^v2\./.test(root.schema_version ?? '') &&
    (root.functions !== undefined || root.runtimes !== undefined)
  )
}

function readAgent(
  file: ManifestFile,
  read: Reading<unknown>,
  root: Manifest,
  problems: Problem[],
): AgentProfile {
  const rawName = root.name ?? splitPath(file.path).name
  const { dir } = splitPath(file.path)
  const name = withoutPlaceholders(rawName) || rawName
  const nameLine = read.lineOf(['name'])
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: file.path,
    line: nameLine ?? 1,
  })
  cite(profile, 'name', nameLine)
  if (name !== rawName) {
    addNote(
      profile,
      `name "${rawName}" carries build placeholders filled in by the Agents Toolkit`,
    )
  }
  profile.description = root.description
  if (root.description && isPlaceholder(root.description)) {
    addNote(profile, 'the description is a placeholder resolved at build time')
  }
  readInstructions(file, read, root, profile, dir)
  // The host decides these, whatever the manifest says.
  profile.triggers.push('chat')
  profile.exposure.channels.push('microsoft-365-copilot')
  profile.exposure.reach = 'internal'
  profile.controls.authentication = true
  profile.identity.kind = 'delegated'
  addNote(
    profile,
    'runs in Microsoft 365 Copilot for signed-in users of the tenant and reads Microsoft Graph data on their behalf',
  )
  readCapabilities(read, root.capabilities ?? [], profile)
  readActions(file, read, root.actions ?? [], profile, problems)
  readWorkers(read, root, profile)
  readOverrides(root, profile)
  return profile
}

function withoutPlaceholders(text: string): string {
  return text
    .replace(/\$\{\{[^}]*\}\}/g, '')
    .replace(/\$\{[^}]*\}/g, '')
    .trim()
}

const FILE_REFERENCE = /^\s*\$\[file\(\s*['"]([^'"]+)['"]\s*\)\]\s*$/

function readInstructions(
  file: ManifestFile,
  read: Reading<unknown>,
  root: Manifest,
  profile: AgentProfile,
  dir: string,
): void {
  const instructions = root.instructions
  if (instructions === undefined) return
  cite(profile, 'instructions', read.lineOf(['instructions']))
  const reference = FILE_REFERENCE.exec(instructions)?.[1]
  if (!reference) {
    profile.instructions = instructions
    return
  }
  const path = resolveRelative(dir, reference)
  const text = path === undefined ? undefined : file.readSibling(path)
  if (text === undefined) {
    addNote(
      profile,
      `instructions are kept in ${reference}, which could not be read: they are unknown`,
    )
    return
  }
  profile.instructions = text
  addNote(profile, `instructions read from ${path}`)
}

function readWorkers(
  read: Reading<unknown>,
  root: Manifest,
  profile: AgentProfile,
): void {
  for (const id of root.worker_agents ?? []) {
    if (id && !profile.subAgents.includes(id)) profile.subAgents.push(id)
  }
  if (profile.subAgents.length > 0) {
    profile.delegation.canDelegate = true
    cite(profile, 'subAgents', read.lineOf(['worker_agents']))
    cite(profile, 'delegation', read.lineOf(['worker_agents']))
  }
}

function readOverrides(root: Manifest, profile: AgentProfile): void {
  const special = root.behavior_overrides?.special_instructions
  if (special?.discourage_model_knowledge === true) {
    addNote(
      profile,
      'behavior_overrides: answers are limited to its knowledge sources (discourage_model_knowledge)',
    )
  }
  if (root.sensitivity_label) {
    addNote(profile, 'a Purview sensitivity label is applied to the agent')
  }
  const overridable = (root.user_overrides ?? []).filter(
    (path): path is string => path !== undefined,
  )
  if (overridable.length > 0) {
    addNote(
      profile,
      `users may change its configuration at ${overridable.join(', ')}`,
    )
  }
}
