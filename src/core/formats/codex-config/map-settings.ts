import type { DataPath, ParsedDocument } from '../../manifest/kit.js'
import type { Server, SettingsTable, Stated } from './schema.js'

/** One layer of settings: a table and where its keys are written. */
export interface Layer {
  readonly table: SettingsTable
  /** Path of the table in the file, or undefined when it is another file's. */
  readonly path?: DataPath
  readonly from?: string
}

export interface Setting<T> {
  readonly value: T
  readonly line: number | undefined
  readonly inherited?: string | undefined
}

/** Settings read through layers, the last one that states a key winning. */
export class Settings {
  constructor(
    private readonly layers: readonly Layer[],
    private readonly doc: ParsedDocument,
  ) {}

  /** The setting at `key` (its path in a table), as `pick` finds it. */
  get<T>(
    key: DataPath,
    pick: (table: SettingsTable) => Stated<T> | undefined,
  ): Setting<T> | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]
      if (!layer) continue
      const stated = pick(layer.table)
      if (stated === undefined) continue
      return {
        value: stated.value,
        line: layer.path ? this.doc.lineOf([...layer.path, ...key]) : undefined,
        inherited: layer.from,
      }
    }
    return undefined
  }

  /** Servers from every layer (a later layer's entry wins, in its place). */
  servers(): Array<[string, Server, Setting<Server>]> {
    const found = new Map<string, [string, Server, Setting<Server>]>()
    for (const layer of this.layers) {
      for (const [name, value] of layer.table.mcp_servers ?? []) {
        const line = layer.path
          ? this.doc.lineOf([...layer.path, 'mcp_servers', name])
          : undefined
        found.set(name, [name, value, { value, line, inherited: layer.from }])
      }
    }
    return [...found.values()]
  }
}
