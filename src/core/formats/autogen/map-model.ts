import {
  addNote,
  cite,
  isPlaceholder,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import type { Reader } from './reader.js'
import { className, type ModelClient } from './schema.js'

/** A model client: `{provider, config: {model, temperature, ...}}`. */
export function readModel(
  reader: Reader,
  profile: AgentProfile,
  client: ModelClient,
  path: DataPath,
): void {
  const config = client.settings
  const provider = providerOf(client.provider ?? client.model_type)
  const name = config.model ?? config.azure_deployment ?? config.model_name
  profile.model = {
    name,
    provider,
    temperature: config.temperature,
    seed: config.seed,
  }
  if (isPlaceholder(name) || config.placeholderSettings) {
    profile.model.unresolved = true
    addNote(
      profile,
      'the model is set through placeholders resolved at run time',
    )
  }
  cite(profile, 'model', reader.doc.lineOf(path))
  const key = config.api_key
  if (key !== undefined && key !== '') {
    profile.identity.credentials.push('model_client.api_key')
    if (!isPlaceholder(key)) {
      addNote(
        profile,
        'model_client.api_key holds a literal value in the manifest: a secret may be committed',
      )
    }
  }
}

function providerOf(provider: string | undefined): string | undefined {
  if (!provider) return undefined
  const cls = className(provider)
  if (/^AzureOpenAI|AzureAI/.test(cls)) return 'azure-openai'
  if (/^OpenAI/.test(cls)) return 'openai'
  if (/^Anthropic/.test(cls)) return 'anthropic'
  if (/^Ollama/.test(cls)) return 'ollama'
  if (/^Gemini|^Google/.test(cls)) return 'google'
  const segment = /models\.([a-z_]+)\./.exec(provider)?.[1]
  return segment ?? (cls || undefined)
}
