import { z } from 'zod'
import {
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  stated,
  text,
  texts,
} from '../../manifest/kit.js'
import { logicalId, property } from './schema-values.js'

/**
 * A CloudFormation or SAM template (YAML or JSON) as the gate reads its
 * Bedrock agents, tolerantly: a field of the wrong shape is "not stated".
 * Lists keep every entry, whatever its shape (an entry that is not a
 * mapping reads as all fields absent), so that an entry's index is its
 * place in the file, for its line. Terraform is in schema-terraform.ts.
 */

export const AGENT_TYPE = 'AWS::Bedrock::Agent'
export const ALIAS_TYPE = 'AWS::Bedrock::AgentAlias'

/**
 * A mapping's fields; anything else reads as the same fields, all absent
 * (`isMapping` false).
 */
function fieldsOf<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<
  z.output<z.ZodObject<T, z.core.$loose>> & { readonly isMapping: boolean }
> {
  const object = looseObject(shape)
  return z.unknown().transform((value) => {
    const parsed = object.safeParse(value)
    return parsed.success
      ? { ...parsed.data, isMapping: true }
      : { ...object.parse({}), isMapping: false }
  })
}

/** A list of entries of any shape, each read with `fieldsOf`. */
function entries<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<
  | Array<
      z.output<z.ZodObject<T, z.core.$loose>> & { readonly isMapping: boolean }
    >
  | undefined
> {
  return looseArray(fieldsOf(shape))
}

const ActionGroupFields = {
  ActionGroupName: property(),
  Description: property(),
  ParentActionGroupSignature: property(),
  ActionGroupState: property(),
  ActionGroupExecutor: maybeObject({ CustomControl: text() }),
  FunctionSchema: maybeObject({
    Functions: entries({
      Name: property(),
      Description: property(),
      RequireConfirmation: property(),
    }),
  }),
  ApiSchema: maybeObject({ Payload: property(), S3: stated() }),
}

const MemoryFields = fieldsOf({
  EnabledMemoryTypes: texts(),
  StorageDays: property(),
})

const AgentProperties = fieldsOf({
  AgentName: property(),
  Description: property(),
  Instruction: property(),
  FoundationModel: property(),
  AgentResourceRoleArn: property(),
  AgentCollaboration: property(),
  OrchestrationType: property(),
  IdleSessionTTLInSeconds: property(),
  PromptOverrideConfiguration: maybeObject({
    PromptConfigurations: looseArray(
      maybeObject({
        PromptType: text(),
        InferenceConfiguration: maybeObject({ Temperature: property() }),
      }),
    ),
  }),
  GuardrailConfiguration: maybeObject({ GuardrailIdentifier: stated() }),
  /** Set at all (to anything, null included), then its fields. */
  MemoryConfiguration: z
    .unknown()
    .transform((value) =>
      value === undefined ? undefined : MemoryFields.parse(value),
    ),
  ActionGroups: entries(ActionGroupFields),
  AgentCollaborators: entries({
    CollaboratorName: property(),
    RelayConversationHistory: property(),
    AgentDescriptor: maybeObject({ AliasArn: logicalId() }),
  }),
  KnowledgeBases: entries({
    KnowledgeBaseId: property(),
    Description: property(),
    KnowledgeBaseState: property(),
  }),
})
export type AgentProperties = z.output<typeof AgentProperties>
export type ActionGroup = NonNullable<AgentProperties['ActionGroups']>[number]
export type Collaborator = NonNullable<
  AgentProperties['AgentCollaborators']
>[number]

const AliasProperties = maybeObject({ AgentId: logicalId() })

/** A resource: an agent's properties, or the agent an alias points to. */
const Resource = maybeObject({ Type: text(), Properties: raw() }).transform(
  (resource) => ({
    type: resource?.Type,
    agent:
      resource?.Type === AGENT_TYPE
        ? AgentProperties.parse(resource.Properties)
        : undefined,
    aliasOf:
      resource?.Type === ALIAS_TYPE
        ? AliasProperties.parse(resource.Properties)?.AgentId
        : undefined,
  }),
)
export type Resource = z.output<typeof Resource>

export const Template = maybeObject({ Resources: looseRecord(Resource) })
