import { z } from 'zod'
import {
  flag,
  indexedArray,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  stated,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * An A2A Agent Card, tolerantly: a card is published for others to read,
 * so nothing in it is reported. Entries that are not mappings are left out
 * (lists whose positions give lines keep them in place, as undefined) and
 * fields of the wrong type are not stated; whether the object is a card at
 * all is the mapping's call.
 */

/** A list's strings; undefined when it is not a list at all. */
const TextList = z
  .unknown()
  .transform((value) =>
    Array.isArray(value) ? texts().parse(value) : undefined,
  )

const Skill = looseObject({
  id: text(),
  name: text(),
  description: text(),
  tags: texts(),
  inputModes: texts(),
})
export type Skill = z.output<typeof Skill> & { readonly index: number }

/** An operation, in cards that list them where capabilities should be. */
const Operation = looseObject({ name: text(), description: text() })
export type Operation = z.output<typeof Operation> & { readonly index: number }

const CapabilityFields = maybeObject({
  pushNotifications: flag(),
  stateTransitionHistory: flag(),
  extendedAgentCard: flag(),
  extensions: looseArray(looseObject({ uri: text(), required: flag() })),
})
export type CapabilityFields = NonNullable<z.output<typeof CapabilityFields>>

/**
 * `capabilities`: the A2A object (`fields`), or the list of operations
 * that cards which only resemble one hold there (`operations`).
 */
const Capabilities = z.unknown().transform((value) =>
  Array.isArray(value)
    ? {
        operations: indexedArray(Operation).parse(value) ?? [],
        fields: undefined,
      }
    : { operations: undefined, fields: CapabilityFields.parse(value) },
)

/** `supportedInterfaces`, `additionalInterfaces`: every entry in place. */
const Interfaces = looseArray(
  maybeObject({ url: text(), protocolBinding: text(), transport: text() }),
)

const CardFields = maybeObject({
  $schema: text(),
  properties: maybeObject({}),
  openapi: stated(),
  swagger: stated(),
  name: text(),
  description: text(),
  url: text(),
  preferredTransport: text(),
  supportedInterfaces: Interfaces,
  additionalInterfaces: Interfaces,
  defaultInputModes: TextList,
  skills: indexedArray(Skill),
  capabilities: Capabilities,
  // Entries stay raw: the shared reader names each scheme.
  securitySchemes: looseRecord(raw()),
  authentication: maybeObject({ schemes: texts() }),
  provider: maybeObject({ organization: text(), url: text() }),
  signatures: looseArray(raw()),
  supportsAuthenticatedExtendedCard: flag(),
  supportsExtendedAgentCard: flag(),
})

/** Fields that, set to anything, say the object describes an interface. */
const INTERFACE_KEYS = [
  'url',
  'supportedInterfaces',
  'additionalInterfaces',
  'defaultInputModes',
  'defaultOutputModes',
  'protocolVersion',
  'securitySchemes',
  'provider',
] as const

/**
 * A card, with what its raw fields say beyond their types: whether any
 * interface field is set, and whether the security requirements
 * (`security`, else `securityRequirements`) are a list left empty.
 */
export const AgentCard = z.unknown().transform((value) => {
  const card = CardFields.parse(value)
  if (!card) return undefined
  const record = value as Readonly<Record<string, unknown>>
  const own = (key: string): unknown =>
    Object.hasOwn(record, key) ? record[key] : undefined
  const requirements = own('security') ?? own('securityRequirements')
  return {
    ...card,
    interfaceStated: INTERFACE_KEYS.some((key) => own(key) !== undefined),
    noSecurityRequired:
      Array.isArray(requirements) && requirements.length === 0,
  }
})
export type AgentCard = NonNullable<z.output<typeof AgentCard>>
