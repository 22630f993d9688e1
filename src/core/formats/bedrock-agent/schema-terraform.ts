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

type Shape = Readonly<Record<string, z.ZodType>>

export type Block<A extends Shape, B extends Shape> = {
  readonly line: number
  readonly labels: readonly string[]
} & { readonly [K in keyof A]: z.output<A[K]> } & {
  readonly [K in keyof B]: ReadonlyArray<z.output<B[K]>>
}

/** A block with the attributes and the child blocks given. */
function hclBlock<A extends Shape, B extends Shape = Record<never, never>>(
  attributes: A,
  blocks?: B,
): z.ZodType<Block<A, B>> {
  return z.custom<HclBlock>().transform((block) => {
    const read: Record<string, unknown> = {
      line: block.line,
      labels: block.labels,
    }
    for (const [name, schema] of Object.entries(attributes))
      read[name] = schema.parse(block.attributes.get(name))
    for (const [type, schema] of Object.entries(blocks ?? {}))
      read[type] = block.blocks
        .filter((child) => child.type === type)
        .map((child) => schema.parse(child))
    return read as Block<A, B>
  })
}

const attribute = <T>(
  read: (attribute: HclAttribute | undefined) => T,
): z.ZodType<T> => z.custom<HclAttribute | undefined>().transform(read)

/** A literal as text (`${...}` interpolations make it a reference too). */
const tfText = (): z.ZodType<Src<string>> =>
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

const tfNumber = (): z.ZodType<Src<number>> =>
  attribute((attribute): Src<number> => {
    if (attribute?.value.kind === 'number')
      return { value: attribute.value.value, line: attribute.line }
    return attribute ? { ref: 'expression', line: attribute.line } : {}
  })

/** The literal strings of a list. */
const tfTexts = (): z.ZodType<string[]> =>
  attribute((attribute) =>
    attribute?.value.kind === 'list'
      ? attribute.value.items.flatMap((item) =>
          item.kind === 'string' ? [item.value] : [],
        )
      : [],
  )

/** Whether the attribute is set, to anything. */
const tfStated = (): z.ZodType<boolean> =>
  attribute((attribute) => attribute !== undefined)

const Agent = hclBlock(
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
    guardrail_configuration: hclBlock({ guardrail_identifier: tfStated() }),
    memory_configuration: hclBlock({
      enabled_memory_types: tfTexts(),
      storage_days: tfNumber(),
    }),
    prompt_override_configuration: hclBlock(
      {},
      {
        prompt_configurations: hclBlock(
          { prompt_type: tfText() },
          { inference_configuration: hclBlock({ temperature: tfNumber() }) },
        ),
      },
    ),
  },
)
export type TfAgent = z.output<typeof Agent>

const ActionGroup = hclBlock(
  {
    agent_id: tfText(),
    action_group_name: tfText(),
    description: tfText(),
    parent_action_group_signature: tfText(),
    action_group_state: tfText(),
  },
  {
    action_group_executor: hclBlock({ custom_control: tfText() }),
    function_schema: hclBlock(
      {},
      {
        member_functions: hclBlock(
          {},
          {
            functions: hclBlock({
              name: tfText(),
              description: tfText(),
              require_confirmation: tfText(),
            }),
          },
        ),
      },
    ),
    api_schema: hclBlock({ payload: tfText() }, { s3: hclBlock({}) }),
    dynamic: hclBlock({}),
  },
)
export type TfActionGroup = z.output<typeof ActionGroup>

const Collaborator = hclBlock(
  {
    agent_id: tfText(),
    collaborator_name: tfText(),
    relay_conversation_history: tfText(),
  },
  { agent_descriptor: hclBlock({ alias_arn: tfText() }) },
)

const KnowledgeBaseAssociation = hclBlock({
  agent_id: tfText(),
  knowledge_base_id: tfText(),
  description: tfText(),
  knowledge_base_state: tfText(),
})

const Alias = hclBlock({ agent_id: tfText() })

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
