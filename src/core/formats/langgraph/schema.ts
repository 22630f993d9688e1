import { z } from 'zod'
import {
  count,
  flag,
  keys,
  looseRecord,
  maybeObject,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * `langgraph.json` as the LangGraph CLI reads it, tolerantly: a field of
 * the wrong shape is "not stated", never an error (the server would refuse
 * it; the gate only needs what it can trust).
 */

/** `"name": "./file.py:var"` or `{ "path": ..., "description": ... }`. */
const Graph = z.union([
  z
    .string()
    .transform((path) => ({ path, description: undefined, spec: false })),
  maybeObject({ path: text(), description: text() }).transform((spec) =>
    spec
      ? { ...spec, spec: true }
      : { path: undefined, description: undefined, spec: false },
  ),
])
export type Graph = z.output<typeof Graph>

/** A TTL block: minutes when `default_ttl` is a number. */
const Ttl = maybeObject({ default_ttl: count() })
export type Ttl = z.output<typeof Ttl>

/** A map of variables (their names), or the path of an .env file. */
const Env = z.union([
  z.string().transform((file) => ({ file, names: [] as string[] })),
  keys().transform((names) => ({ file: undefined, names })),
])

export const LangGraphConfig = maybeObject({
  graphs: looseRecord(Graph),
  store: maybeObject({
    index: maybeObject({ embed: text() }),
    ttl: Ttl,
  }),
  checkpointer: maybeObject({ ttl: Ttl }),
  auth: maybeObject({ path: text(), disable_studio_auth: flag() }),
  env: Env,
  http: maybeObject({
    app: text(),
    cors: maybeObject({ allow_origins: texts() }),
  }),
  dockerfile_lines: z
    .unknown()
    .transform((lines) => (Array.isArray(lines) ? lines.length : 0)),
})
export type LangGraphConfig = NonNullable<z.output<typeof LangGraphConfig>>
