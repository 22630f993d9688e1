import type { Tool } from '../../manifest/kit.js'

/**
 * The agent as both sources declare it: CloudFormation and Terraform are
 * each read into an AgentSpec (map-cloudformation.ts, map-terraform.ts),
 * which map.ts turns into a profile.
 */

export const ID = 'bedrock-agent'

/** A value read from the template: literal, or an unresolved reference. */
export interface Src<T> {
  readonly value?: T | undefined
  /** The reference or expression, when the value is computed at deployment. */
  readonly ref?: string | undefined
  readonly line?: number | undefined
}

export interface FunctionSpec {
  readonly name: string
  readonly description?: string | undefined
  readonly line?: number | undefined
  readonly confirmation: Src<string>
  readonly readOnly?: boolean | undefined
  readonly source: Tool['source']
}

export interface ActionGroupSpec {
  readonly name: string
  readonly line?: number | undefined
  readonly description?: string | undefined
  readonly signature?: string | undefined
  readonly disabled: boolean
  readonly returnControl: boolean
  readonly functions: FunctionSpec[]
  /** An API schema whose operations could not be read (S3, a reference). */
  readonly opaqueSchema?: string | undefined
}

export interface CollaboratorSpec {
  readonly name?: string | undefined
  /** Key of an agent of the same file, when the alias resolves to one. */
  readonly agentKey?: string | undefined
  readonly line?: number | undefined
  readonly relay?: string | undefined
}

export interface KnowledgeBaseSpec {
  readonly id: Src<string>
  readonly description?: string | undefined
  readonly line?: number | undefined
  readonly disabled: boolean
}

export interface AgentSpec {
  /** Logical id or Terraform address: how the file refers to it. */
  readonly key: string
  readonly line: number
  readonly name: Src<string>
  readonly description: Src<string>
  readonly instruction: Src<string>
  readonly model: Src<string>
  readonly temperature: Src<number>
  readonly role: Src<string>
  readonly collaboration: Src<string>
  readonly orchestration: Src<string>
  readonly idleTtl: Src<number>
  readonly guardrail?: { readonly line?: number | undefined } | undefined
  readonly memory?:
    | {
        readonly line?: number | undefined
        readonly types: string[]
        readonly storageDays?: number | undefined
      }
    | undefined
  readonly actionGroups: ActionGroupSpec[]
  readonly collaborators: CollaboratorSpec[]
  readonly knowledgeBases: KnowledgeBaseSpec[]
  readonly notes: string[]
}

/** A reference or expression on one line, cut to 80 characters. */
export function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat
}
