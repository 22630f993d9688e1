import {
  addCredential,
  addNote,
  cite,
  isPlaceholder,
  readSampling,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import { lineOf, type Context } from './map-context.js'
import type { Component, Located } from './schema.js'

/** LLM config component → provider name. */
const PROVIDERS: ReadonlyMap<string, string> = new Map([
  ['VllmConfig', 'vllm'],
  ['OpenAiConfig', 'openai'],
  ['OpenAiCompatibleConfig', 'openai-compatible'],
  ['OllamaConfig', 'ollama'],
  ['OciGenAiConfig', 'oci-genai'],
])

/** An LLM config (VllmConfig, OpenAiConfig, OllamaConfig, OciGenAiConfig…). */
export function readLlm(
  ctx: Context,
  profile: AgentProfile,
  llm: Located,
  site: DataPath,
): void {
  const config = llm.value
  const type = config.component_type ?? ''
  const modelId = config.model_id
  const url = config.url
  const unfilled = [
    ['model_id', modelId],
    ['url', url],
  ].filter(
    ([field, value]) => value !== undefined && looksUnfilled(value, field),
  )
  // Generated files leave model_id unfilled but often name the config after
  // the model (`meta.llama-3.3-70b-instruct`); a name like `llm` says nothing.
  const configName = config.name
  const name =
    modelId !== undefined && !looksUnfilled(modelId, 'model_id')
      ? modelId
      : configName !== undefined && /\d/.test(configName)
        ? configName
        : undefined
  if (name !== undefined) profile.model.name = name
  const provider =
    PROVIDERS.get(type) ?? type.replace(/Config$/, '').toLowerCase()
  if (provider) profile.model.provider = provider
  if (unfilled.length > 0) {
    profile.model.unresolved = true
    addNote(
      profile,
      `model ${unfilled.map(([field]) => field).join(' and ')} of ${config.name ?? type} are placeholders to be filled at deployment`,
    )
  }
  readSampling(profile.model, config.default_generation_parameters)
  if (config.api_key !== undefined)
    addNote(profile, `${type} holds an api_key in the manifest`)
  readOciClient(profile, config)
  cite(profile, 'model', lineOf(ctx, site))
}

/** Names the generator leaves for a value it did not know (`model_id: model_id`). */
function looksUnfilled(
  value: string | undefined,
  field: string | undefined,
): boolean {
  if (value === undefined) return false
  return (
    isPlaceholder(value) ||
    value === field ||
    /placeholder|^<[^>]*>$|^your[_-]/i.test(value)
  )
}

function readOciClient(profile: AgentProfile, config: Component): void {
  const client = config.client_config
  const type = client?.component_type
  if (!type) return
  if (/InstancePrincipal|ResourcePrincipal/.test(type)) {
    profile.identity.kind = 'fixed'
    addNote(profile, `OCI access through ${type}: the host's cloud identity`)
  } else if (/ApiKey|SecurityToken/.test(type)) {
    addCredential(profile, client.auth_profile ?? type)
  }
}
