import {
  addCredential,
  addNote,
  cite,
  isPlaceholder,
  readSampling,
  type AgentProfile,
  type DataPath,
  type Reading,
} from '../../manifest/kit.js'
import type { Connection, Model } from './schema.js'

/** What the readers of one agent file share. */
export interface Context {
  readonly read: Reading<unknown>
  readonly profile: AgentProfile
}

/** `model`: an id, or a block with id, provider, options and connection. */
export function readModel(ctx: Context, model: Model | undefined): void {
  const { profile, read } = ctx
  if (model === undefined) return
  cite(profile, 'model', read.lineOf(['model']))
  const { value } = model
  if (typeof value === 'string') {
    setModelName(profile, value, 'model')
    return
  }
  if (!value) return
  if (value.id !== undefined) setModelName(profile, value.id, 'model.id')
  else
    addNote(
      profile,
      'no model id: the chat client the host supplies decides the model',
    )
  const provider = value.provider ?? value.publisher
  if (provider !== undefined) profile.model.provider = provider
  readSampling(profile.model, value.options)
  if (value.options?.allowMultipleToolCalls === true)
    addNote(
      profile,
      'allowMultipleToolCalls: the model may call several tools at once',
    )
  readConnection(ctx, value.connection, ['model', 'connection'])
}

function setModelName(profile: AgentProfile, id: string, field: string): void {
  profile.model.name = id
  if (isPlaceholder(id)) {
    profile.model.unresolved = true
    addNote(profile, `${field} ${id} is read from the environment at load time`)
  }
}

/** Key and endpoint of a connection: env names are kept, values never. */
export function readConnection(
  ctx: Context,
  connection: Connection,
  path: DataPath,
): void {
  if (!connection) return
  const { profile } = ctx
  const where = path.join('.')
  const kind = connection.kind?.toLowerCase()
  if (kind === 'anonymous')
    addNote(profile, `${where} is anonymous: no credential is sent`)
  for (const field of ['key', 'apiKey'] as const) {
    const value = connection[field]
    if (value === undefined) continue
    const env = envName(value)
    addCredential(profile, env ?? field)
    if (!isPlaceholder(value) && value.trim() !== '')
      addNote(
        profile,
        `${where}.${field} holds a literal secret in the manifest`,
      )
  }
  if (kind === 'reference' || /reference/.test(kind ?? ''))
    addNote(
      profile,
      `${where} refers to a connection configured in the hosting project`,
    )
  const endpoint = connection.endpoint
  if (endpoint !== undefined && isPlaceholder(endpoint))
    addNote(
      profile,
      `${where}.endpoint ${endpoint} is read from the environment at load time`,
    )
}

/** `=Env.OPENAI_API_KEY` → `OPENAI_API_KEY`. */
function envName(value: string): string | undefined {
  return /^=\s*Env\.([A-Za-z_][\w]*)\s*$/.exec(value.trim())?.[1]
}
