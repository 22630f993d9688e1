import { z } from 'zod'
import {
  looseArray,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * The files a Claude Code plugin is read from, tolerantly: its manifest
 * (`.claude-plugin/plugin.json`), the JSON files it points at for MCP
 * servers and hooks, the front matter of its agent files, and a
 * marketplace listing. A field of the wrong type is not stated, never an
 * error: Claude Code would refuse the plugin, the gate reads what it can.
 */

/** The entries of a map, in order; undefined for anything else. */
const Entries = looseRecord(raw())
export type Entries = Array<[string, unknown]>

/**
 * A file (or block) that holds its map under `key`, or is that map itself:
 * `{ "mcpServers": {...} }` and a bare map of servers both occur.
 */
function holding(key: string): z.ZodType<Entries | undefined> {
  return Entries.transform((entries) => {
    if (!entries) return undefined
    const inner = entries.find(([name]) => name === key)
    return (inner ? Entries.parse(inner[1]) : undefined) ?? entries
  })
}

/** One path, or a list of paths (entries that are not strings left out). */
const Paths = z.union([z.string().transform((path) => [path]), texts()])

/**
 * A part of the plugin given inline (a map, when `inline` reads one) or in
 * files of the plugin. `stated` tells an absent field, for which the host
 * loads its default file, from one of the wrong type, which loads nothing.
 */
export interface Included<T> {
  readonly stated: boolean
  readonly inline: T | undefined
  readonly paths: string[]
}

function included<T = undefined>(
  inline?: z.ZodType<T>,
): z.ZodType<Included<T>> {
  return z.unknown().transform((value) => ({
    stated: value !== undefined,
    inline: inline?.parse(value),
    paths: Paths.parse(value),
  }))
}

/** MCP servers: inline (the server entries, read by the kit), or files. */
const Servers = included(Entries)
export type Servers = z.output<typeof Servers>

/** Hooks: inline (a hooks config), or the first of its files. */
const Hooks = included(holding('hooks'))
export type Hooks = z.output<typeof Hooks>

/** Agents, commands and skills: files of the plugin. */
const Files = included()
export type Files = z.output<typeof Files>

export const PluginManifest = maybeObject({
  name: text(),
  description: text(),
  mcpServers: Servers,
  agents: Files,
  commands: Files,
  skills: Files,
  hooks: Hooks,
})
export type PluginManifest = NonNullable<z.output<typeof PluginManifest>>

/** A JSON file of MCP servers, with or without `mcpServers` around them. */
export const ServersFile = holding('mcpServers')

/** A hooks file: the events are the keys of its `hooks` map, or its own. */
export const HooksFile = holding('hooks')

/** The front matter of an agent file: its name, if it gives one. */
export const AgentFrontMatter = maybeObject({ name: text() })

/** `.claude-plugin/marketplace.json`: only how many plugins it lists. */
export const Marketplace = maybeObject({ plugins: looseArray(raw()) })
