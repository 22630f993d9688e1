import {
  addNote,
  checkWith,
  cite,
  fileStem,
  newProfile,
  readFrontMatter,
  rejected,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Reading,
} from '../../manifest/kit.js'
import { readTools } from './map-tools.js'
import { readTriggers } from './map-triggers.js'
import { FORMAT_ID, FrontMatter, type FrontMatter as Front } from './schema.js'

/** The provider behind each engine, for the model. */
const PROVIDERS: ReadonlyMap<string, string> = new Map([
  ['claude', 'anthropic'],
  ['codex', 'openai'],
  ['copilot', 'github'],
  ['gemini', 'google'],
])

export function mapAgenticWorkflow(file: ManifestFile): FormatResult {
  const front = readFrontMatter(file, {
    missing: 'no YAML front matter: not an agentic workflow',
    notMapping: 'the front matter must be a mapping of workflow fields',
  })
  if (!front.ok) return front.result
  const read = checkWith(file.path, front.fm.document, FrontMatter)
  if (!read.ok) return read.result
  const data = read.data
  if (!data || data.on.events.length === 0)
    return rejected(
      'front matter without on: an agentic workflow import or another Markdown file, read with the workflows that import it',
    )
  const profile = newProfile({
    name: data.name?.trim() || fileStem(file.path, /\.md$/i),
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name']) ?? read.lineOf(['on']) ?? 1,
  })
  cite(profile, 'name', read.lineOf(['name']))
  profile.description = data.description?.trim() || undefined
  const body = front.fm.body.trim()
  if (body) {
    profile.instructions = body
    cite(profile, 'instructions', front.fm.bodyLine)
  }
  readEngine(profile, data, read)
  readTriggers(profile, data, read)
  readTools(profile, data, read)
  readControls(profile, data, read)
  readPermissions(profile, data, read)
  for (const imported of data.imports)
    addNote(profile, `imports ${imported}: its tools and prompt are merged in`)
  return { agents: [profile], problems: [...read.problems], document: read.doc }
}

function readEngine(
  profile: AgentProfile,
  data: Front,
  read: Reading<unknown>,
): void {
  const id = data.engine?.id ?? 'copilot'
  profile.model.provider = PROVIDERS.get(id)
  const model = data.engine?.model ?? data.model
  if (model) profile.model.name = model
  else addNote(profile, `engine ${id} with its default model`)
  cite(profile, 'model', read.lineOf(['engine']) ?? read.lineOf(['model']))
  if (data.engine?.maxTurns !== undefined)
    profile.autonomy.maxIterations = data.engine.maxTurns
}

/**
 * safe-outputs: the agent's writes are proposals that a separate job
 * validates and applies within the limits written here, so the agent
 * itself needs no write access: a guardrail on what it can do. A network
 * allow-list limits what it reaches; the sandbox is the firewall gh-aw
 * runs the agent in.
 */
function readControls(
  profile: AgentProfile,
  data: Front,
  read: Reading<unknown>,
): void {
  const outputs = data['safe-outputs'].filter(
    (key) => key !== 'threat-detection',
  )
  if (outputs.length > 0) {
    profile.controls.guardrails = true
    cite(profile, 'controls.guardrails', read.lineOf(['safe-outputs']))
    addNote(
      profile,
      `writes only through validated safe outputs: ${outputs.join(', ')}`,
    )
  }
  const allowed = data.network?.allowed
  if (allowed) {
    const open = allowed.some((entry) => entry.trim() === '*')
    profile.controls.allowlists = !open
    cite(profile, 'controls.allowlists', read.lineOf(['network']))
    addNote(profile, `network: ${allowed.join(', ') || 'none'}`)
  }
  if (data.sandbox !== undefined) {
    profile.controls.sandbox = data.sandbox !== false
    cite(profile, 'controls.sandbox', read.lineOf(['sandbox']))
  }
  if (data.strict)
    addNote(
      profile,
      'strict mode: gh-aw refuses unsafe settings at compile time',
    )
}

/** `permissions`: the GITHUB_TOKEN the agent's job holds, and what it may write. */
function readPermissions(
  profile: AgentProfile,
  data: Front,
  read: Reading<unknown>,
): void {
  const { all, scopes } = data.permissions
  const writes =
    all === 'write-all'
      ? ['all']
      : scopes.filter(([, level]) => level === 'write').map(([scope]) => scope)
  profile.identity.kind = 'fixed'
  profile.identity.credentials.push('GITHUB_TOKEN')
  cite(profile, 'identity', read.lineOf(['permissions']))
  if (writes.length > 0)
    addNote(profile, `its token may write: ${writes.join(', ')}`)
}
