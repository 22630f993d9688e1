import { asNumber, isPlaceholder, type DataRecord } from '../parse/data.js'
import type { Model } from '../profile/schema.js'

/** Reading the model a manifest names, in the shapes formats write it. */

const MODEL_ALIASES =
  /^(inherit|default|auto|best|sonnet|opus|haiku|opusplan|sonnet\[1m\]|latest)$/i

/** A host's model alias (`sonnet`, `inherit`, `auto`): a documented name the host resolves. */
export function isModelAlias(name: string): boolean {
  return MODEL_ALIASES.test(name.trim())
}

/**
 * A coding assistant's model setting. Aliases (`sonnet`, `inherit`, `auto`)
 * follow whatever the host resolves them to, so they are not pinned and count
 * as unresolved; `provider/model` names give the provider.
 */
export function harnessModel(value: string): Model {
  const text = value.trim()
  const slash = /^([\w.-]+)\/(.+)$/.exec(text)
  const name = slash?.[2] ?? text
  const provider =
    slash?.[1] ??
    (/^(claude|sonnet|opus|haiku)/i.test(name)
      ? 'anthropic'
      : /^(gpt|o\d|codex|chatgpt)/i.test(name)
        ? 'openai'
        : /^gemini/i.test(name)
          ? 'google'
          : undefined)
  const unresolved =
    MODEL_ALIASES.test(name) ||
    isPlaceholder(text) ||
    /^\{(env|file):/.test(text)
  return {
    name: text,
    provider,
    unresolved: unresolved || undefined,
  }
}

/**
 * A model written as one string: `provider/model`, a bare name, or a
 * placeholder resolved at run time (unresolved).
 */
export function modelFromName(text: string): Model {
  const trimmed = text.trim()
  if (isPlaceholder(trimmed)) return { name: trimmed, unresolved: true }
  const slash = trimmed.indexOf('/')
  return slash > 0
    ? { provider: trimmed.slice(0, slash), name: trimmed.slice(slash + 1) }
    : { name: trimmed }
}

/** The sampling settings of a model block: temperature and seed, when numbers. */
export function readSampling(
  model: Model,
  params: DataRecord | undefined,
): void {
  const temperature = asNumber(params?.temperature)
  if (temperature !== undefined) model.temperature = temperature
  const seed = asNumber(params?.seed)
  if (seed !== undefined) model.seed = seed
}
