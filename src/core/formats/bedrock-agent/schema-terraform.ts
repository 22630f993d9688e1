import { z } from 'zod'
import type { HclAttribute, HclBlock } from '../../manifest/kit.js'
import type { Src } from './spec.js'

/**
 * The Terraform resources of a Bedrock agent, read from the blocks that
 * parse/hcl.ts gives (attributes by name in a Map, literals and
 * expressions told apart, each with its line). A block is read by its
 * attributes, each to what the agent needs (a literal, or the expression
 * it is set through), and its child blocks by type, in file order.
 */

/** How one attribute is read: a plain function, run once per block. */
type Reader<T> = (attribute: HclAttribute | undefined) => T
type Attributes = Readonly<Record<string, Reader<unknown>>>
/** How a child block is read (a `blockOf`), by the child's type. */
type Children = Readonly<Record<string, (block: HclBlock) => unknown>>

export type Block<A extends Attributes, B extends Children> = {
  readonly line: number
  readonly labels: readonly string[]
} & { readonly [K in keyof A]: ReturnType<A[K]> } & {
  readonly [K in keyof B]: ReadonlyArray<ReturnType<B[K]>>
}

/**
 * A block with the attributes and the child blocks given. The readers are
 * plain functions, not schemas of their own: a resource is one schema
 * (`resource` below), so a block costs one zod run, not one per attribute.
 */
function blockOf<
  A extends Attributes,
  B extends Children = Record<never, never>,
>(attributes: A, blocks?: B): (block: HclBlock) => Block<A, B> {
  const attributeReaders = Object.entries(attributes)
  const blockReaders = Object.entries(blocks ?? {})
  return (block) => {
    const read: Record<string, unknown> = {
      line: block.line,
      labels: block.labels,
    }
    for (const [name, reader] of attributeReaders)
      read[name] = reader(block.attributes.get(name))
    for (const [type, reader] of blockReaders)
      read[type] = block.blocks
        .filter((child) => child.type === type)
        .map((child) => reader(child))
    return read as Block<A, B>
  }
}

/** A resource block, read by `blockOf`, as a schema. */
const resource = <T>(read: (block: HclBlock) => T): z.ZodType<T> =>
  z.custom<HclBlock>().transform(read)

const attribute = <T>(read: Reader<T>): Reader<T> => read

/** A literal as text (`${...}` interpolations make it a reference too). */
const tfText = (): Reader<Src<string>> =>
  attribute((attribute): Src<string> => {
    if (!attribute) return {}
    const { value, line } = attribute
    switch (value.kind) {
      case 'string':
        return value.value.includes('${')
          ? { ref: value.value, value: value.value, line }
          : { value: value.value, line }
      case 'number':
      case 'bool':
        return { value: String(value.value), line }
      case 'list':
        return { ref: `[${value.items.length} items]`, line }
      default:
        return { ref: value.text, line }
    }
  })

const tfNumber = (): Reader<Src<number>> =>
  attribute((attribute): Src<number> => {
    if (attribute?.value.kind === 'number')
      return { value: attribute.value.value, line: attribute.line }
    return attribute ? { ref: 'expression', line: attribute.line } : {}
  })

/** The literal strings of a list. */
const tfTexts = (): Reader<string[]> =>
  attribute((attribute) =>
    attribute?.value.kind === 'list'
      ? attribute.value.items.flatMap((item) =>
          item.kind === 'string' ? [item.value] : [],
        )
      : [],
  )

/** Whether the attribute is set, to anything. */
const tfStated = (): Reader<boolean> =>
  attribute((attribute) => attribute !== undefined)

const Agent = resource(
  blockOf(
    {
      agent_name: tfText(),
      description: tfText(),
      instruction: tfText(),
      foundation_model: tfText(),
      agent_resource_role_arn: tfText(),
      agent_collaboration: tfText(),
      orchestration_type: tfText(),
      idle_session_ttl_in_seconds: tfNumber(),
      count: tfStated(),
      for_each: tfStated(),
    },
    {
      guardrail_configuration: blockOf({ guardrail_identifier: tfStated() }),
      memory_configuration: blockOf({
        enabled_memory_types: tfTexts(),
        storage_days: tfNumber(),
      }),
      prompt_override_configuration: blockOf(
        {},
        {
          prompt_configurations: blockOf(
            { prompt_type: tfText() },
            { inference_configuration: blockOf({ temperature: tfNumber() }) },
          ),
        },
      ),
    },
  ),
)
export type TfAgent = z.output<typeof Agent>

const ActionGroup = resource(
  blockOf(
    {
      agent_id: tfText(),
      action_group_name: tfText(),
      description: tfText(),
      parent_action_group_signature: tfText(),
      action_group_state: tfText(),
    },
    {
      action_group_executor: blockOf({ custom_control: tfText() }),
      function_schema: blockOf(
        {},
        {
          member_functions: blockOf(
            {},
            {
              functions: blockOf({
                name: tfText(),
                description: tfText(),
                require_confirmation: tfText(),
              }),
            },
          ),
        },
      ),
      api_schema: blockOf({ payload: tfText() }, { s3: blockOf({}) }),
      dynamic: blockOf({}),
    },
  ),
)
export type TfActionGroup = z.output<typeof ActionGroup>

const Collaborator = resource(
  blockOf(
    {
      agent_id: tfText(),
      collaborator_name: tfText(),
      relay_conversation_history: tfText(),
    },
    { agent_descriptor: blockOf({ alias_arn: tfText() }) },
  ),
)

const KnowledgeBaseAssociation = resource(
  blockOf({
    agent_id: tfText(),
    knowledge_base_id: tfText(),
    description: tfText(),
    knowledge_base_state: tfText(),
  }),
)

const Alias = resource(blockOf({ agent_id: tfText() }))

/** A .tf file: its resources (two labels, type and name) by type. */
export const TerraformFile = z.custom<HclBlock>().transform((root) => {
  const resources = root.blocks.filter(
    (block) => block.type === 'resource' && block.labels.length >= 2,
  )
  const ofType = <T>(type: string, schema: z.ZodType<T>): T[] =>
    resources
      .filter((resource) => resource.labels[0] === type)
      .map((resource) => schema.parse(resource))
  return {
    agents: ofType('aws_bedrockagent_agent', Agent),
    actionGroups: ofType('aws_bedrockagent_agent_action_group', ActionGroup),
    aliases: ofType('aws_bedrockagent_agent_alias', Alias),
    collaborators: ofType('aws_bedrockagent_agent_collaborator', Collaborator),
    knowledgeBases: ofType(
      'aws_bedrockagent_agent_knowledge_base_association',
      KnowledgeBaseAssociation,
    ),
  }
})
