import { z } from 'zod'
import {
  count,
  flag,
  looseArray,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * One document of a kagent YAML stream, tolerantly: nothing in it is
 * reported by the schema (the mapping warns about unknown tool types and
 * nameless agents); a field of the wrong type is not stated, and a section
 * that is not a mapping reads as an empty one.
 */

/** What a mapping with these fields reads as. */
type Fields<T extends z.ZodRawShape> = z.output<z.ZodObject<T, z.core.$loose>>

/** A mapping with the fields given; anything else reads as an empty one. */
function mapping<T extends z.ZodRawShape>(shape: T): z.ZodType<Fields<T>> {
  const object = maybeObject(shape)
  return z.unknown().transform((value) => {
    const read = object.parse(value) ?? object.parse({})
    return read as NonNullable<typeof read>
  })
}

/**
 * A section as a mapping, and whether it was set to anything truthy at
 * all: a tool without a type is an MCP or an agent tool by which section
 * it sets, whatever that section holds.
 */
function section<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<Fields<T> & { readonly set: boolean }> {
  const object = mapping(shape)
  return z
    .unknown()
    .transform((value) => ({ set: Boolean(value), ...object.parse(value) }))
}

/** kagent writes some numbers as strings (`temperature: "0.2"`). */
const Numeric = z
  .unknown()
  .transform((value) =>
    count().parse(
      typeof value === 'string' && value.trim() !== '' ? Number(value) : value,
    ),
  )

/** `headersFrom`: every entry kept (its name, if any), and whether a Secret holds it. */
const HeadersFrom = looseArray(
  maybeObject({ name: text(), valueFrom: maybeObject({ type: text() }) }),
).transform((list) =>
  (list ?? []).map((entry) => ({
    name: entry?.name,
    fromSecret: entry?.valueFrom?.type === 'Secret',
  })),
)
export type HeaderFrom = z.output<typeof HeadersFrom>[number]

const McpServerRef = section({
  toolServer: text(),
  name: text(),
  kind: text(),
  toolNames: texts(),
  requireApproval: texts(),
  allowedHeaders: texts(),
})

const AgentRef = section({ ref: text(), name: text(), namespace: text() })

const Tool = mapping({
  type: text(),
  mcpServer: McpServerRef,
  agent: AgentRef,
  headersFrom: HeadersFrom,
})
export type Tool = z.output<typeof Tool>

/** `tools`: whether it is set at all, and its entries (each read as a mapping). */
const Tools = z.unknown().transform((value) => ({
  stated: value !== undefined,
  list: looseArray(Tool).parse(value) ?? [],
}))

/** `memory`: v1alpha1 a list of Memory names, v1alpha2 `{modelConfig, ttlDays}`. */
const Memory = z.unknown().transform((value) => ({
  names: texts().parse(value),
  spec: maybeObject({ ttlDays: count() }).parse(value),
}))
export type Memory = z.output<typeof Memory>

const AgentDeployment = maybeObject({
  image: text(),
  env: looseArray(
    maybeObject({
      name: text(),
      valueFrom: maybeObject({ secretKeyRef: maybeObject({}) }),
    }),
  ).transform((list) =>
    (list ?? []).map((env) => ({
      name: env?.name,
      fromSecret: env?.valueFrom?.secretKeyRef !== undefined,
    })),
  ),
  serviceAccountName: text(),
})
export type AgentDeployment = NonNullable<z.output<typeof AgentDeployment>>

/** A2A skills: every entry counts, those that are not mappings name none. */
const A2aConfig = maybeObject({
  skills: looseArray(
    maybeObject({ name: text(), id: text(), description: text() }),
  ).transform((list) => list ?? []),
})

/** `modelConfig`: a name (v1alpha1, v1alpha2), or `{name}` (v1alpha3). */
const ModelRef = z
  .unknown()
  .transform((value) =>
    typeof value === 'string'
      ? value
      : maybeObject({ name: text() }).parse(value)?.name,
  )

/**
 * What a declarative (or BYO) agent states: v1alpha1 in `spec` itself,
 * v1alpha2 and v1alpha3 under `spec.declarative` (v1alpha3's AgentTemplate
 * in `spec` again, with `systemPrompt`).
 */
const BODY = {
  systemMessage: text(),
  systemPrompt: text(),
  systemMessageFrom: maybeObject({ type: text(), name: text() }),
  promptTemplate: raw(),
  modelConfig: ModelRef,
  tools: Tools,
  memory: Memory,
  deployment: AgentDeployment,
  a2aConfig: A2aConfig,
  executeCodeBlocks: flag(),
}
const Body = mapping(BODY)
export type Body = z.output<typeof Body>

const AgentSpec = mapping({
  ...BODY,
  description: text(),
  type: text(),
  declarative: Body,
  byo: Body,
  skills: maybeObject({
    refs: texts(),
    gitRefs: looseArray(maybeObject({ url: text() })).transform((list) =>
      (list ?? []).map((ref) => ref?.url ?? ''),
    ),
    insecureSkipVerify: flag(),
  }),
  allowedNamespaces: raw(),
})
export type AgentSpec = z.output<typeof AgentSpec>

/** A ModelConfig's spec; the temperature is the last one any of its sections sets. */
const ModelSpec = z.unknown().transform((value) => ({
  ...mapping({
    model: text(),
    provider: text(),
    apiKeySecret: text(),
    apiKeySecretRef: text(),
  }).parse(value),
  temperature: (
    looseRecord(maybeObject({ temperature: Numeric })).parse(value) ?? []
  )
    .map(([, options]) => options?.temperature)
    .findLast((temperature) => temperature !== undefined),
}))
export type ModelSpec = z.output<typeof ModelSpec>

/** Where a remote server's `sse` or `streamableHttp` endpoint is; raw for the shared MCP reader. */
const Remote = maybeObject({ url: raw(), headers: raw() })

/** An MCP server resource's spec; values for the shared MCP reader stay raw. */
const ServerSpec = mapping({
  url: raw(),
  protocol: text(),
  headersFrom: HeadersFrom,
  deployment: maybeObject({
    cmd: text(),
    image: text(),
    args: raw(),
    env: z.unknown().transform((value) => {
      // A map of values, else a list of `{name}` (values not read).
      const entries = looseRecord(raw()).parse(value) ?? []
      if (entries.length > 0) return entries
      return (looseArray(maybeObject({ name: text() })).parse(value) ?? []).map(
        (env): [string, unknown] => [env?.name ?? 'env', ''],
      )
    }),
  }),
  config: mapping({
    stdio: maybeObject({ command: raw(), args: raw(), env: raw() }),
    sse: z
      .unknown()
      .transform((value) => ({ set: Boolean(value), at: Remote.parse(value) })),
    streamableHttp: Remote,
  }),
})
export type ServerSpec = z.output<typeof ServerSpec>

/**
 * The kinds that are agents: `Agent`; `SandboxAgent`, the same agent run
 * in a sandboxed (gVisor) actor; v1alpha3's `AgentTemplate`.
 */
export const AGENT_KINDS: ReadonlySet<string> = new Set([
  'Agent',
  'SandboxAgent',
  'AgentTemplate',
])

/** Kinds of MCP server resources an agent's tools may name. */
export const SERVER_KINDS: ReadonlySet<string> = new Set([
  'RemoteMCPServer',
  'MCPServer',
  'ToolServer',
])

/** One document: a Kubernetes resource, or undefined when not a mapping. */
export const Resource = maybeObject({
  apiVersion: text(),
  kind: text(),
  metadata: mapping({ name: text(), namespace: text() }),
  spec: raw(),
}).transform((resource) => {
  if (!resource) return undefined
  const kind = resource.kind ?? ''
  return {
    apiVersion: resource.apiVersion ?? '',
    kind,
    name: resource.metadata.name ?? '',
    namespace: resource.metadata.namespace,
    agent: AGENT_KINDS.has(kind) ? AgentSpec.parse(resource.spec) : undefined,
    modelConfig:
      kind === 'ModelConfig' ? ModelSpec.parse(resource.spec) : undefined,
    server: SERVER_KINDS.has(kind)
      ? ServerSpec.parse(resource.spec)
      : undefined,
  }
})
export type Resource = NonNullable<z.output<typeof Resource>>
