import { z } from 'zod'
import {
  flag,
  indexedArray,
  keys,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * `gemini-extension.json` as Gemini CLI reads it, tolerantly: an
 * `mcpServers` that is not a map is reported; every other field of the
 * wrong type is not stated, and settings that are not mappings are left
 * out, since the CLI would only ignore them.
 */

/** One file name or a list of them; other entries are left out. */
const ContextFileName = z.union([
  z.string().transform((name) => [name]),
  texts(),
])

/** A value the user is asked for at install, kept as an env var. */
const Setting = looseObject({
  name: text(),
  envVar: text(),
  sensitive: flag(),
})
export type Setting = z.output<typeof Setting> & { readonly index: number }

export const GeminiExtension = maybeObject({
  name: text(),
  description: text(),
  // Entries stay raw: the shared MCP reader reports those that are not
  // objects, as it does for every host.
  mcpServers: looseRecord(raw(), {
    notMap: {
      message:
        'mcpServers must be an object that maps server names to their settings',
    },
  }),
  contextFileName: ContextFileName,
  excludeTools: texts(),
  settings: indexedArray(Setting),
})
export type GeminiExtension = NonNullable<z.output<typeof GeminiExtension>>

/**
 * `hooks/hooks.json` beside the manifest, as its event names: those of the
 * `hooks` map, or the top level's keys when there is no such map.
 */
export const HooksFile = z.union([
  looseObject({ hooks: looseObject({}) }).transform(({ hooks }) =>
    Object.keys(hooks),
  ),
  keys(),
])
