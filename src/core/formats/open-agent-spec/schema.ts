import { z } from 'zod'
import {
  count,
  flag,
  keys,
  maybeObject,
  raw,
  stated,
  text,
  type DataPath,
} from '../../manifest/kit.js'

/**
 * An Open Agent Spec file, tolerantly: every component is one loose
 * mapping whose fields are read as the mapping needs them (a value of the
 * wrong type is not stated), and every field that holds a component holds
 * a `Link`: the component written inline, or a reference by id. Nothing is
 * reported here; the mapping says what it cannot follow.
 */

export const FORMAT_ID = 'open-agent-spec'

/** A field that holds a component (null: it holds something else). */
export type Link =
  | { readonly kind: 'inline'; readonly component: Component }
  | { readonly kind: 'ref'; readonly id: string }
  | null
  | undefined

/** A component and where it is defined. */
export interface Located {
  readonly value: Component
  readonly path: DataPath
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const Reference = maybeObject({ $component_ref: text(), component_ref: text() })

/**
 * `{$component_ref: id}` (also `component_ref`), or the component itself,
 * read when the mapping first follows it.
 */
function linkOf(value: unknown): Link {
  if (value === undefined) return undefined
  const reference = Reference.parse(value)
  if (!reference) return null
  const id = reference.$component_ref ?? reference.component_ref
  if (id !== undefined) return { kind: 'ref', id }
  return {
    kind: 'inline',
    get component(): Component {
      return componentOf(value as object)
    },
  }
}

const LinkField: z.ZodType<Link> = z.unknown().transform(linkOf)

/** A list of components, each at its index (an entry that is no mapping: null). */
const Links: z.ZodType<Link[] | undefined> = z
  .unknown()
  .transform((value) =>
    Array.isArray(value) ? value.map((item) => linkOf(item)) : undefined,
  )

/** Swarm `relationships`: (caller, recipient) pairs; undefined: no pair. */
const Pairs: z.ZodType<Array<[Link, Link] | undefined> | undefined> = z
  .unknown()
  .transform((value) =>
    Array.isArray(value)
      ? value.map((pair): [Link, Link] | undefined =>
          Array.isArray(pair) ? [linkOf(pair[0]), linkOf(pair[1])] : undefined,
        )
      : undefined,
  )

/** Whether the field is a list with something in it. */
const Filled: z.ZodType<boolean> = z
  .unknown()
  .transform((value) => Array.isArray(value) && value.length > 0)

const Named = maybeObject({ name: text() })

/** MCPToolBox `tool_filter`: tool names, or `{name}` entries. */
const ToolNames: z.ZodType<string[]> = z
  .unknown()
  .transform((value) =>
    (Array.isArray(value) ? value : [])
      .map((entry) =>
        typeof entry === 'string' ? entry : Named.parse(entry)?.name,
      )
      .filter((entry): entry is string => entry !== undefined),
  )

const Typed = maybeObject({ type: text() })

/** pyagentspec ToolPolicy. */
const ToolPolicy = maybeObject({
  guards: z
    .unknown()
    .transform((value) =>
      (Array.isArray(value) ? value : []).map(
        (guard) => Typed.parse(guard)?.type,
      ),
    ),
  allowed_callers: Filled,
  data_classification: text(),
})

const ComponentFields = maybeObject({
  component_type: text(),
  id: text(),
  name: text(),
  description: text(),
  // Agent, SpecializedAgent and its parameters
  system_prompt: text(),
  llm_config: LinkField,
  tools: Links,
  toolboxes: Links,
  human_in_the_loop: flag(),
  transforms: Filled,
  agent: LinkField,
  agent_specialization_parameters: LinkField,
  additional_instructions: text(),
  additional_tools: Links,
  // A2AAgent, RemoteAgent, OciAgent
  agent_url: text(),
  agent_endpoint_id: text(),
  connection_config: maybeObject({
    verify: flag(),
    headers: keys(),
    key_file: stated(),
    cert_file: stated(),
  }),
  // Swarm, ManagerWorkers
  first_agent: LinkField,
  handoff: flag(),
  relationships: Pairs,
  group_manager: LinkField,
  workers: Links,
  // Flow and its nodes
  nodes: Links,
  tool: LinkField,
  prompt_template: text(),
  subflow: LinkField,
  flow: LinkField,
  subflows: Links,
  // LLM configs
  model_id: text(),
  default_generation_parameters: maybeObject({
    temperature: count(),
    seed: count(),
  }),
  api_key: text(),
  client_config: maybeObject({ component_type: text(), auth_profile: text() }),
  // tools, toolboxes and MCP transports
  url: text(),
  http_method: text(),
  requires_confirmation: flag(),
  headers: keys(),
  sensitive_headers: keys(),
  url_allow_list: Filled,
  api_spec_uri: text(),
  client_transport: LinkField,
  tool_filter: ToolNames,
  tool_policy: ToolPolicy,
  command: raw(),
  args: raw(),
  env: raw(),
  auth: maybeObject({ component_type: text() }),
})
export type Component = NonNullable<z.output<typeof ComponentFields>>

/** Each mapping is read once, however many links and ids lead to it. */
const read = new WeakMap<object, Component>()

function componentOf(value: object): Component {
  let component = read.get(value)
  if (!component) {
    component = ComponentFields.parse(value) as Component
    read.set(value, component)
  }
  return component
}

const Identified = maybeObject({ id: text(), component_type: text() })

/** A component where it is defined, read when the mapping first looks at it. */
function located(node: object, path: DataPath): Located {
  return {
    get value(): Component {
      return componentOf(node)
    },
    path,
  }
}

/**
 * `$referenced_components` entries, at any level, and inline components
 * that carry an id, by id: an inline id counts once (the first met), a
 * referenced entry always.
 */
function componentsById(root: unknown): Map<string, Located> {
  const byId = new Map<string, Located>()
  const stack: Array<[unknown, DataPath]> = [[root, []]]
  let budget = 100_000
  while (stack.length > 0 && budget-- > 0) {
    const [node, path] = stack.pop() as [unknown, DataPath]
    if (Array.isArray(node)) {
      node.forEach((item, index) => stack.push([item, [...path, index]]))
      continue
    }
    if (!isMapping(node)) continue
    const { id, component_type: type } = Identified.parse(node) ?? {}
    if (id !== undefined && type !== undefined && !byId.has(id))
      byId.set(id, located(node, path))
    for (const [key, child] of Object.entries(node)) {
      if (key === '$referenced_components' && isMapping(child)) {
        for (const [refId, component] of Object.entries(child)) {
          if (isMapping(component))
            byId.set(refId, located(component, [...path, key, refId]))
        }
      }
      stack.push([child, [...path, key]])
    }
  }
  return byId
}

interface FileReading {
  readonly root: Component
  /** `$referenced_components` entries (undefined: not a mapping). */
  readonly referenced: ReadonlyArray<[string, Component | undefined]>
  readonly byId: ReadonlyMap<string, Located>
}

/**
 * A document is read once: the same text in another file is the same
 * parsed document, and what is read here depends on nothing else.
 */
const files = new WeakMap<object, FileReading>()

function libraryOf(
  root: Record<string, unknown>,
): Array<[string, Component | undefined]> {
  const library = Object.hasOwn(root, '$referenced_components')
    ? root.$referenced_components
    : undefined
  return (isMapping(library) ? Object.entries(library) : []).map(
    ([id, value]): [string, Component | undefined] => [
      id,
      isMapping(value) ? componentOf(value) : undefined,
    ],
  )
}

function fileOf(root: Record<string, unknown>): FileReading {
  let reading = files.get(root)
  if (!reading) {
    reading = {
      root: componentOf(root),
      // Only a file with no top-level component looks at these.
      get referenced() {
        return libraryOf(root)
      },
      byId: componentsById(root),
    }
    files.set(root, reading)
  }
  return reading
}

/**
 * The file: its top-level component, the entries of its own
 * `$referenced_components`, and every component a reference can name.
 * Undefined: the top level is not a mapping.
 */
export const OpenAgentSpecFile = z
  .unknown()
  .transform((root) => (isMapping(root) ? fileOf(root) : undefined))
export type OpenAgentSpecFile = NonNullable<z.output<typeof OpenAgentSpecFile>>
