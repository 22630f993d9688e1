/**
 * **In short:** CloudFormation `AWS::Bedrock::Agent`, Terraform `aws_bedrockagent_agent` → action groups and confirmation, guardrails, memory, collaboration
 *
 * Amazon Bedrock agents declared as infrastructure: CloudFormation / SAM
 * templates (YAML or JSON, `Type: AWS::Bedrock::Agent`) and Terraform
 * (`resource "aws_bedrockagent_agent"` with its companions
 * `aws_bedrockagent_agent_action_group`, `_collaborator`,
 * `_knowledge_base_association` and `_alias`).
 *
 * Mapping (CloudFormation names; Terraform uses their snake_case twins):
 * AgentName, Description, Instruction → profile; FoundationModel → model
 * (provider from the model id), orchestration temperature from
 * PromptOverrideConfiguration; ActionGroups → tools: FunctionSchema
 * functions (RequireConfirmation → requiresApproval), inline OpenAPI
 * operations (x-requireConfirmation), AMAZON.CodeInterpreter → code-exec,
 * ANTHROPIC.Bash/TextEditor/Computer → shell/file-write/browser;
 * KnowledgeBases → read-only search tools; GuardrailConfiguration →
 * controls.guardrails; MemoryConfiguration → persistent memory
 * (SESSION_SUMMARY for StorageDays); AgentCollaboration and
 * AgentCollaborators → delegation and sub-agents (resolved through the
 * collaborator's alias to an agent of the same file, else by name);
 * AgentResourceRoleArn → a fixed identity with the role as credential.
 *
 * Defaults, as Bedrock applies them: RequireConfirmation absent means
 * DISABLED (the function runs without asking); no GuardrailConfiguration
 * means no guardrail (guardrails false); no MemoryConfiguration means memory
 * lasts one session; the agent is called through the IAM-authenticated
 * InvokeAgent API (trigger api, reach internal, authentication true).
 * CloudFormation intrinsics (!Ref, !GetAtt, !Sub with variables…) and
 * Terraform expressions are unresolved references, noted and never errors.
 *
 * Terraform is read by parse/hcl.ts, which gives blocks and attributes
 * with their lines, literal strings, heredocs, numbers, booleans and lists,
 * and every other expression as its text; an unreadable file is a problem
 * at its line. A .tf file without a Bedrock agent is rejected.
 */
import { splitPath } from '../manifest/paths.js'
import {
  parseManifest,
  problem,
  readManifest,
  rejected,
} from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asRecord,
  asString,
  entriesOf,
  isPlaceholder,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import {
  parseYamlDocument,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'
import { parseHclDocument, type HclBlock } from '../parse/hcl.js'
import type { Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const ID = 'bedrock-agent'

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  return /\.(tf|ya?ml|json|template)$/i.test(path) ? 'maybe' : 'no'
}

const CFN_AGENT = /AWS::Bedrock::Agent["'\s,}]/
const TF_AGENT = /\baws_bedrockagent_agent\b/

function sniff(head: string, path: string): boolean {
  return /\.tf$/i.test(path) ? TF_AGENT.test(head) : CFN_AGENT.test(head)
}

const format: FormatModule = {
  id: ID,
  title: 'Amazon Bedrock agent (CloudFormation, Terraform)',
  nameEndings: ['.tf', '.yaml', '.yml', '.json', '.template'],
  matchPath,
  sniff,
  parse: (file) =>
    /\.tf$/i.test(file.path) ? parseTerraform(file) : parseTemplate(file),
}
export default format

// ---------------------------------------------------------------- the agent, whatever the source

/** A value read from the template: literal, or an unresolved reference. */
interface Src<T> {
  readonly value?: T | undefined
  /** The reference or expression, when the value is computed at deployment. */
  readonly ref?: string | undefined
  readonly line?: number | undefined
}

interface FunctionSpec {
  readonly name: string
  readonly description?: string | undefined
  readonly line?: number | undefined
  readonly confirmation: Src<string>
  readonly readOnly?: boolean | undefined
  readonly source: Tool['source']
}

interface ActionGroupSpec {
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

interface CollaboratorSpec {
  readonly name?: string | undefined
  /** Key of an agent of the same file, when the alias resolves to one. */
  readonly agentKey?: string | undefined
  readonly line?: number | undefined
  readonly relay?: string | undefined
}

interface KnowledgeBaseSpec {
  readonly id: Src<string>
  readonly description?: string | undefined
  readonly line?: number | undefined
  readonly disabled: boolean
}

interface AgentSpec {
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

function nameOf(spec: AgentSpec): string {
  return spec.name.value !== undefined && spec.name.ref === undefined
    ? spec.name.value
    : spec.key
}

function toProfiles(specs: readonly AgentSpec[], file: string): AgentProfile[] {
  const pairs = specs.map((spec) => ({ spec, profile: toProfile(spec, file) }))
  const byKey = new Map(pairs.map(({ spec, profile }) => [spec.key, profile]))
  for (const { spec, profile: parent } of pairs) {
    for (const collaborator of spec.collaborators) {
      const child = collaborator.agentKey
        ? byKey.get(collaborator.agentKey)
        : undefined
      const childName = child?.name ?? collaborator.name
      if (!childName) continue
      pushUnique(parent.subAgents, childName)
      if (child && !child.parent) child.parent = parent.name
    }
  }
  return pairs.map(({ profile }) => profile)
}

function toProfile(spec: AgentSpec, file: string): AgentProfile {
  const profile = newProfile({
    name: nameOf(spec),
    format: ID,
    file,
    line: spec.line,
  })
  cite(profile, 'name', spec.name.line ?? spec.line)
  if (spec.name.ref !== undefined) {
    addNote(
      profile,
      `the agent name is computed at deployment (${spec.name.ref}); it is named here by ${spec.key}`,
    )
  }
  for (const note of spec.notes) addNote(profile, note)
  readText(profile, spec)
  readModel(profile, spec)
  readAccess(profile, spec)
  readGuardrailAndMemory(profile, spec)
  for (const group of spec.actionGroups) readActionGroup(profile, group)
  readApprovals(profile, spec)
  for (const base of spec.knowledgeBases) readKnowledgeBase(profile, base)
  readCollaboration(profile, spec)
  return profile
}

function readText(profile: AgentProfile, spec: AgentSpec): void {
  if (spec.description.value !== undefined && !spec.description.ref)
    profile.description = spec.description.value
  const instruction = spec.instruction
  cite(profile, 'instructions', instruction.line)
  if (instruction.ref !== undefined && instruction.value !== undefined) {
    profile.instructions = instruction.value
    addNote(profile, 'the instruction contains values filled in at deployment')
  } else if (instruction.ref !== undefined) {
    addNote(
      profile,
      `the instruction is set through ${short(instruction.ref)}; its text is not in this file`,
    )
  } else if (instruction.value !== undefined) {
    profile.instructions = instruction.value
  } else {
    addNote(profile, 'no instruction is declared for the agent')
  }
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat
}

/** `anthropic` from `anthropic.claude…`, `us.anthropic.…` or a model ARN. */
function providerOf(model: string): string | undefined {
  const id = model.includes('/')
    ? model.slice(model.lastIndexOf('/') + 1)
    : model
  const parts = id.split('.')
  if (parts.length < 2) return undefined
  const first = parts[0] ?? ''
  return /^(us|eu|apac|global|jp|au|ca|us-gov)$/.test(first) && parts.length > 2
    ? parts[1]
    : first
}

function readModel(profile: AgentProfile, spec: AgentSpec): void {
  const model = spec.model
  cite(profile, 'model', model.line)
  if (model.ref !== undefined) {
    profile.model.unresolved = true
    addNote(profile, `the foundation model is set through ${short(model.ref)}`)
  } else if (model.value !== undefined) {
    profile.model.name = model.value
    profile.model.provider = providerOf(model.value)
  }
  if (spec.temperature.value !== undefined) {
    profile.model.temperature = spec.temperature.value
    cite(profile, 'model', spec.temperature.line)
  }
}

function readAccess(profile: AgentProfile, spec: AgentSpec): void {
  profile.triggers.push('api')
  profile.exposure.reach = 'internal'
  profile.exposure.channels.push('bedrock-agent-runtime')
  profile.controls.authentication = true
  addNote(
    profile,
    'invoked through the Bedrock InvokeAgent API, which requires AWS IAM credentials',
  )
  const role = spec.role
  if (role.value !== undefined || role.ref !== undefined) {
    profile.identity.kind = 'fixed'
    profile.identity.credentials.push(`iam-role:${roleName(role)}`)
    cite(profile, 'identity', role.line)
  }
  if (spec.orchestration.value === 'CUSTOM_ORCHESTRATION') {
    addNote(
      profile,
      'orchestration is custom (a Lambda decides each step): the manifest under-reports its behaviour',
    )
  }
}

/** `BookingAgentRole` from an ARN, `AgentRole` from `!GetAtt AgentRole.Arn`. */
function roleName(role: Src<string>): string {
  const text = role.ref ?? role.value ?? ''
  const fromArn = /:role\/(?:.*\/)?([^/]+)$/.exec(text)?.[1]
  if (fromArn) return fromArn
  const reference = text
    .replace(/^!\w+\s+/, '')
    .replace(/^Fn::\w+\s+/, '')
    .replace(/^Ref\s+/, '')
  const fromJson = /^\[?"([^"]+)"/.exec(reference)?.[1]
  return short(fromJson ?? reference).replace(/\.(arn|Arn)$/, '')
}

function readGuardrailAndMemory(profile: AgentProfile, spec: AgentSpec): void {
  if (spec.guardrail) {
    profile.controls.guardrails = true
    cite(profile, 'controls.guardrails', spec.guardrail.line)
  } else {
    profile.controls.guardrails = false
    cite(profile, 'controls.guardrails', spec.line)
    addNote(
      profile,
      'no GuardrailConfiguration: no Bedrock guardrail screens its input or output',
    )
  }
  const memory = spec.memory
  if (memory && memory.types.length > 0) {
    const days =
      memory.storageDays === undefined ? '' : ` for ${memory.storageDays} days`
    profile.memory = {
      kind: 'persistent',
      stores: memory.types.map((type) => `${type}${days}`),
      writable: true,
    }
    cite(profile, 'memory', memory.line)
  } else {
    profile.memory = { kind: 'session', stores: [] }
    cite(profile, 'memory', memory?.line ?? spec.idleTtl.line)
    const ttl = spec.idleTtl.value
    addNote(
      profile,
      `no long-term memory: state lasts one session${ttl === undefined ? '' : ` (idle timeout ${ttl} s)`}`,
    )
  }
}

const SIGNATURES: Readonly<
  Record<string, { kind: ToolKind; name: string; note: string }>
> = {
  'AMAZON.CodeInterpreter': {
    kind: 'code-exec',
    name: 'CodeInterpreter',
    note: 'AMAZON.CodeInterpreter: the agent writes and runs code in an AWS-managed environment',
  },
  'ANTHROPIC.Bash': {
    kind: 'shell',
    name: 'Bash',
    note: 'ANTHROPIC.Bash: the agent runs shell commands',
  },
  'ANTHROPIC.TextEditor': {
    kind: 'file-write',
    name: 'TextEditor',
    note: 'ANTHROPIC.TextEditor: the agent edits files',
  },
  'ANTHROPIC.Computer': {
    kind: 'browser',
    name: 'Computer',
    note: 'ANTHROPIC.Computer: the agent drives a desktop (computer use)',
  },
}

function readActionGroup(profile: AgentProfile, group: ActionGroupSpec): void {
  cite(profile, 'tools', group.line)
  if (group.disabled) {
    addNote(profile, `action group ${group.name} is DISABLED`)
    return
  }
  if (group.signature === 'AMAZON.UserInput') {
    addNote(
      profile,
      'AMAZON.UserInput: the agent may stop to ask the user for missing information (not an approval step)',
    )
    return
  }
  const builtin = group.signature ? SIGNATURES[group.signature] : undefined
  if (builtin) {
    addTool(profile, {
      name: builtin.name,
      kind: builtin.kind,
      line: group.line,
      source: 'builtin',
    })
    addNote(profile, builtin.note)
    if (builtin.kind === 'code-exec' || builtin.kind === 'shell') {
      profile.autonomy.codeExecution = true
      cite(profile, 'autonomy', group.line)
    }
    return
  }
  if (group.returnControl) {
    addNote(
      profile,
      `action group ${group.name} returns control to the calling application, which runs its functions`,
    )
  }
  for (const fn of group.functions) {
    const confirmation = fn.confirmation.value
    const kind = classifyTool(fn.name, fn.description)
    addTool(profile, {
      name: fn.name,
      kind,
      description: fn.description,
      line: fn.line,
      requiresApproval: fn.confirmation.ref
        ? undefined
        : confirmation === 'ENABLED',
      readOnly: fn.readOnly,
      source: fn.source,
    })
  }
  if (group.opaqueSchema) {
    addTool(profile, {
      name: group.name,
      kind: classifyTool(group.name, group.description),
      description: group.description,
      line: group.line,
      source: 'openapi',
      wildcard: true,
    })
    addNote(
      profile,
      `action group ${group.name}: its API schema is ${group.opaqueSchema}, so its operations are not read`,
    )
  }
}

function readApprovals(profile: AgentProfile, spec: AgentSpec): void {
  const functions = spec.actionGroups
    .filter((group) => !group.disabled)
    .flatMap((group) => group.functions)
  if (functions.length === 0) return
  const confirmed = functions.filter((f) => f.confirmation.value === 'ENABLED')
  const unconfirmed = functions.filter(
    (f) =>
      f.confirmation.value !== 'ENABLED' && f.confirmation.ref === undefined,
  )
  const line = spec.actionGroups.find((g) => g.functions.length > 0)?.line
  if (confirmed.length === functions.length) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', confirmed[0]?.confirmation.line)
  } else if (unconfirmed.length === functions.length) {
    profile.controls.humanApproval = false
    cite(profile, 'controls.humanApproval', line)
  }
  const silent = unconfirmed.filter(
    (f) => f.confirmation.value === undefined && f.readOnly !== true,
  )
  if (silent.length > 0) {
    addNote(
      profile,
      `${silent.map((f) => f.name).join(', ')} run without user confirmation (RequireConfirmation not set; Bedrock's default is DISABLED)`,
    )
  }
}

function readKnowledgeBase(
  profile: AgentProfile,
  base: KnowledgeBaseSpec,
): void {
  if (base.disabled) return
  const id = base.id.value ?? short(base.id.ref ?? 'unknown')
  addTool(profile, {
    name: `knowledge base ${id}`,
    kind: 'search',
    description: base.description,
    line: base.line,
    readOnly: true,
    source: 'builtin',
  })
  cite(profile, 'tools', base.line)
}

function readCollaboration(profile: AgentProfile, spec: AgentSpec): void {
  const mode = spec.collaboration.value
  const line = spec.collaboration.line
  if (mode === 'SUPERVISOR' || mode === 'SUPERVISOR_ROUTER') {
    profile.delegation.canDelegate = true
    profile.delegation.mode = mode === 'SUPERVISOR' ? 'hierarchical' : 'router'
    cite(profile, 'delegation', line)
    if (mode === 'SUPERVISOR') {
      profile.autonomy.planning = true
      cite(profile, 'autonomy', line)
    }
  } else if (mode === 'DISABLED') {
    profile.delegation.canDelegate = false
    cite(profile, 'delegation', line)
  }
  if (spec.collaborators.length > 0) {
    profile.delegation.canDelegate ??= true
    cite(profile, 'subAgents', spec.collaborators[0]?.line)
    cite(profile, 'delegation', spec.collaborators[0]?.line)
  }
  for (const collaborator of spec.collaborators) {
    if (collaborator.relay === 'TO_COLLABORATOR') {
      addNote(
        profile,
        `the conversation history is relayed to collaborator ${collaborator.name ?? collaborator.agentKey ?? ''}`,
      )
    }
  }
}

// ---------------------------------------------------------------- inline OpenAPI payloads

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** The operations of an inline OpenAPI schema, or undefined if it cannot be read. */
function openApiFunctions(
  payload: string,
  file: string,
  line: number | undefined,
): FunctionSpec[] | undefined {
  let value: unknown
  try {
    value = parseYamlDocument(payload, file).value
  } catch {
    return undefined
  }
  const paths = asRecord(asRecord(value)?.paths)
  if (!paths) return undefined
  const functions: FunctionSpec[] = []
  for (const [route, item] of entriesOf(paths)) {
    for (const method of METHODS) {
      const operation = asRecord(asRecord(item)?.[method])
      if (!operation) continue
      const confirmation = asString(operation['x-requireConfirmation'])
      functions.push({
        name:
          asString(operation.operationId) ?? `${method.toUpperCase()} ${route}`,
        description:
          asString(operation.description) ?? asString(operation.summary),
        line,
        confirmation: { value: confirmation, line },
        readOnly: method === 'get' ? true : undefined,
        source: 'openapi',
      })
    }
  }
  return functions
}

// ---------------------------------------------------------------- CloudFormation

const INTRINSIC_TAG =
  /:\s*!(Ref|GetAtt|Sub|Join|If|Select|Split|FindInMap|ImportValue|Base64|Cidr|GetAZs|Transform)\b/

interface Template {
  readonly doc: ParsedDocument
  /** YAML, where intrinsic functions may be short-form tags (`!Ref`). */
  readonly yaml: boolean
  readonly lines: readonly string[]
  readonly resources: DataRecord
  readonly file: ManifestFile
}

function parseTemplate(file: ManifestFile): FormatResult {
  const json = /\.json$/i.test(file.path) || /^\s*\{/.test(file.text)
  const parsed = parseManifest(file, json ? 'json' : 'yaml')
  if (!parsed.ok) return parsed.result
  const doc = parsed.doc
  const resources = asRecord(asRecord(doc.value)?.Resources)
  if (!resources) {
    return rejected('not a CloudFormation template: no Resources mapping')
  }
  const template: Template = {
    doc,
    yaml: !json,
    lines: file.text.split(/\r?\n/),
    resources,
    file,
  }
  const keys = entriesOf(resources)
    .filter(
      ([, resource]) => asRecord(resource)?.Type === 'AWS::Bedrock::Agent',
    )
    .map(([key]) => key)
  if (keys.length === 0) {
    return rejected(
      'a CloudFormation template without an AWS::Bedrock::Agent resource',
    )
  }
  const problems: Problem[] = []
  const specs = keys.map((key) => templateAgent(template, key, problems))
  return { agents: toProfiles(specs, file.path), problems, document: doc }
}

function at(root: unknown, path: DataPath): unknown {
  let node = root
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment]
    else if (isRecord(node) && typeof segment === 'string') node = node[segment]
    else return undefined
  }
  return node
}

/** A property, with intrinsic functions (long or short form) kept as references. */
function cfn<T>(t: Template, path: DataPath): Src<T> {
  const value = at(t.doc.value, path)
  const line = t.doc.lineOf(path)
  if (value === undefined || value === null) return { line }
  if (isRecord(value)) {
    const keys = Object.keys(value)
    const only = keys[0]
    if (
      keys.length === 1 &&
      only &&
      (only === 'Ref' || only.startsWith('Fn::'))
    ) {
      const inner = value[only]
      if (
        only === 'Fn::Sub' &&
        typeof inner === 'string' &&
        !inner.includes('${')
      )
        return { value: inner as T, line }
      return { ref: `${only} ${short(JSON.stringify(inner) ?? '')}`, line }
    }
    return { line }
  }
  const tag =
    line === undefined || !t.yaml
      ? undefined
      : INTRINSIC_TAG.exec(textNear(t, path, line))
  if (tag && typeof value === 'string') {
    if (tag[1] === 'Sub' && !value.includes('${'))
      return { value: value as T, line }
    return { ref: `!${tag[1]} ${short(value)}`, value: value as T, line }
  }
  if (tag) return { ref: `!${tag[1]}`, line }
  if (typeof value === 'string' && isPlaceholder(value))
    return { ref: value, value: value as T, line }
  return { value: value as T, line }
}

/**
 * The source text where a property is written: its line, or on a long line
 * (flow style) the stretch from its key on, so that looking at every
 * property of a template stays linear.
 */
function textNear(t: Template, path: DataPath, line: number): string {
  const text = t.lines[line - 1] ?? ''
  if (text.length <= NEAR) return text
  const column = t.doc.positionOf?.(path)?.column ?? 1
  return text.slice(column - 1, column - 1 + NEAR)
}
const NEAR = 400

function cfnString(t: Template, path: DataPath): Src<string> {
  const src = cfn<unknown>(t, path)
  return {
    ...src,
    value:
      typeof src.value === 'string'
        ? src.value
        : typeof src.value === 'number' || typeof src.value === 'boolean'
          ? String(src.value)
          : undefined,
  }
}

function cfnNumber(t: Template, path: DataPath): Src<number> {
  const src = cfn<unknown>(t, path)
  const value =
    typeof src.value === 'number'
      ? src.value
      : typeof src.value === 'string' && /^-?\d+(\.\d+)?$/.test(src.value)
        ? Number(src.value)
        : undefined
  return { ...src, value }
}

/** The logical id a reference points at (`!Ref X`, `!GetAtt X.Attr`, `{Ref: X}`). */
function referenceTarget(t: Template, path: DataPath): string | undefined {
  const value = at(t.doc.value, path)
  let candidate: string | undefined
  if (typeof value === 'string') candidate = value.split('.')[0]
  else if (isRecord(value)) {
    const ref = value.Ref ?? value['Fn::GetAtt']
    candidate =
      typeof ref === 'string' ? ref.split('.')[0] : asString(asArray(ref)?.[0])
  }
  return candidate !== undefined && t.resources[candidate] !== undefined
    ? candidate
    : undefined
}

function templateAgent(
  t: Template,
  key: string,
  problems: Problem[],
): AgentSpec {
  const base: DataPath = ['Resources', key, 'Properties']
  const p = (...rest: Array<string | number>): DataPath => [...base, ...rest]
  const properties = asRecord(at(t.doc.value, base))
  const line = t.doc.lineOf(['Resources', key]) ?? 1
  if (!properties) {
    problems.push(
      problem(t.file.path, line, `resource ${key} has no Properties`, {
        field: `Resources.${key}.Properties`,
        level: 'warning',
      }),
    )
  }
  const notes: string[] = []
  const temperature = orchestrationTemperature(
    t,
    p('PromptOverrideConfiguration'),
  )
  const memoryTypes = (
    asArray(at(t.doc.value, p('MemoryConfiguration', 'EnabledMemoryTypes'))) ??
    []
  ).filter((v): v is string => typeof v === 'string')
  return {
    key,
    line,
    name: cfnString(t, p('AgentName')),
    description: cfnString(t, p('Description')),
    instruction: cfnString(t, p('Instruction')),
    model: cfnString(t, p('FoundationModel')),
    temperature,
    role: cfnString(t, p('AgentResourceRoleArn')),
    collaboration: cfnString(t, p('AgentCollaboration')),
    orchestration: cfnString(t, p('OrchestrationType')),
    idleTtl: cfnNumber(t, p('IdleSessionTTLInSeconds')),
    guardrail:
      at(t.doc.value, p('GuardrailConfiguration', 'GuardrailIdentifier')) !==
      undefined
        ? { line: t.doc.lineOf(p('GuardrailConfiguration')) }
        : undefined,
    memory:
      at(t.doc.value, p('MemoryConfiguration')) !== undefined
        ? {
            line: t.doc.lineOf(p('MemoryConfiguration')),
            types: memoryTypes,
            storageDays: cfnNumber(t, p('MemoryConfiguration', 'StorageDays'))
              .value,
          }
        : undefined,
    actionGroups: (asArray(properties?.ActionGroups) ?? []).map((_, i) =>
      templateActionGroup(t, p('ActionGroups', i)),
    ),
    collaborators: (asArray(properties?.AgentCollaborators) ?? []).map((_, i) =>
      templateCollaborator(t, p('AgentCollaborators', i)),
    ),
    knowledgeBases: (asArray(properties?.KnowledgeBases) ?? []).map((_, i) => ({
      id: cfnString(t, p('KnowledgeBases', i, 'KnowledgeBaseId')),
      description: cfnString(t, p('KnowledgeBases', i, 'Description')).value,
      line: t.doc.lineOf(p('KnowledgeBases', i)),
      disabled:
        cfnString(t, p('KnowledgeBases', i, 'KnowledgeBaseState')).value ===
        'DISABLED',
    })),
    notes,
  }
}

function orchestrationTemperature(t: Template, path: DataPath): Src<number> {
  const configs =
    asArray(at(t.doc.value, [...path, 'PromptConfigurations'])) ?? []
  const index = configs.findIndex(
    (c) => asString(asRecord(c)?.PromptType) === 'ORCHESTRATION',
  )
  if (index < 0) return {}
  return cfnNumber(t, [
    ...path,
    'PromptConfigurations',
    index,
    'InferenceConfiguration',
    'Temperature',
  ])
}

function templateActionGroup(t: Template, path: DataPath): ActionGroupSpec {
  const get = (...rest: Array<string | number>): Src<string> =>
    cfnString(t, [...path, ...rest])
  const name = get('ActionGroupName').value ?? 'action group'
  const executor = asRecord(at(t.doc.value, [...path, 'ActionGroupExecutor']))
  const functions: FunctionSpec[] = []
  const source: Tool['source'] = 'code'
  const list =
    asArray(at(t.doc.value, [...path, 'FunctionSchema', 'Functions'])) ?? []
  list.forEach((_, i) => {
    const fn = [...path, 'FunctionSchema', 'Functions', i]
    const fnName = cfnString(t, [...fn, 'Name']).value
    if (!fnName) return
    functions.push({
      name: fnName,
      description: cfnString(t, [...fn, 'Description']).value,
      line: t.doc.lineOf(fn),
      confirmation: cfnString(t, [...fn, 'RequireConfirmation']),
      source,
    })
  })
  let opaqueSchema: string | undefined
  const schema = asRecord(at(t.doc.value, [...path, 'ApiSchema']))
  if (schema) {
    const payload = get('ApiSchema', 'Payload')
    const parsed =
      payload.value !== undefined && payload.ref === undefined
        ? openApiFunctions(payload.value, t.file.path, payload.line)
        : undefined
    if (parsed) functions.push(...parsed)
    else if (schema.S3 !== undefined) opaqueSchema = 'stored in S3'
    else opaqueSchema = 'set through a reference or unreadable'
  }
  return {
    name,
    line: t.doc.lineOf(path),
    description: get('Description').value,
    signature: get('ParentActionGroupSignature').value,
    disabled: get('ActionGroupState').value === 'DISABLED',
    returnControl: asString(executor?.CustomControl) === 'RETURN_CONTROL',
    functions,
    opaqueSchema,
  }
}

function templateCollaborator(t: Template, path: DataPath): CollaboratorSpec {
  const aliasPath = [...path, 'AgentDescriptor', 'AliasArn']
  const alias = referenceTarget(t, aliasPath)
  let agentKey: string | undefined
  if (alias) {
    const resource = asRecord(t.resources[alias])
    if (resource?.Type === 'AWS::Bedrock::AgentAlias') {
      agentKey = referenceTarget(t, [
        'Resources',
        alias,
        'Properties',
        'AgentId',
      ])
    } else if (resource?.Type === 'AWS::Bedrock::Agent') {
      agentKey = alias
    }
  }
  return {
    name: cfnString(t, [...path, 'CollaboratorName']).value,
    agentKey,
    line: t.doc.lineOf(path),
    relay: cfnString(t, [...path, 'RelayConversationHistory']).value,
  }
}

// ---------------------------------------------------------------- Terraform

function tf(block: HclBlock | undefined, name: string): Src<string> {
  const attribute = block?.attributes.get(name)
  if (!attribute) return {}
  const value = attribute.value
  const line = attribute.line
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
}

function tfNumber(block: HclBlock | undefined, name: string): Src<number> {
  const attribute = block?.attributes.get(name)
  if (attribute?.value.kind === 'number')
    return { value: attribute.value.value, line: attribute.line }
  return attribute ? { ref: 'expression', line: attribute.line } : {}
}

function tfStrings(block: HclBlock | undefined, name: string): string[] {
  const value = block?.attributes.get(name)?.value
  if (value?.kind !== 'list') return []
  return value.items.flatMap((item) =>
    item.kind === 'string' ? [item.value] : [],
  )
}

function child(
  block: HclBlock | undefined,
  type: string,
): HclBlock | undefined {
  return block?.blocks.find((b) => b.type === type)
}

function children(block: HclBlock | undefined, type: string): HclBlock[] {
  return block?.blocks.filter((b) => b.type === type) ?? []
}

/** The label of the `<type>.<label>` a reference expression names. */
function tfTarget(src: Src<string>, type: string): string | undefined {
  const text = src.ref ?? ''
  return new RegExp(`\\b${type}\\.([A-Za-z_][\\w-]*)\\b`).exec(text)?.[1]
}

function parseTerraform(file: ManifestFile): FormatResult {
  const read = readManifest(file, parseHclDocument)
  if (!read.ok) return read.result
  const root = read.value
  const resources = children(root, 'resource').filter(
    (r) => r.labels.length >= 2,
  )
  const ofType = (type: string): HclBlock[] =>
    resources.filter((r) => r.labels[0] === type)
  const agents = ofType('aws_bedrockagent_agent')
  if (agents.length === 0) {
    return rejected(
      'a Terraform file without an aws_bedrockagent_agent resource (companion resources are read only with their agent)',
    )
  }
  const problems: Problem[] = []
  const labelled = agents.map((agent) => ({
    label: agent.labels[1] ?? '',
    spec: terraformAgent(agent),
  }))
  const specs = labelled.map(({ spec }) => spec)
  const byLabel = new Map(labelled.map(({ label, spec }) => [label, spec]))
  const owner = (resource: HclBlock, what: string): AgentSpec | undefined => {
    const label = tfTarget(tf(resource, 'agent_id'), 'aws_bedrockagent_agent')
    const spec = label === undefined ? undefined : byLabel.get(label)
    if (spec) return spec
    if (specs.length === 1) {
      specs[0]?.notes.push(
        `${what} ${resource.labels[1] ?? ''} names its agent through ${short(tf(resource, 'agent_id').ref ?? tf(resource, 'agent_id').value ?? 'nothing')}; it is taken to belong to the only agent of the file`,
      )
      return specs[0]
    }
    problems.push(
      problem(
        file.path,
        resource.line,
        `${what} ${resource.labels[1] ?? ''} does not name an agent of this file`,
        { level: 'warning' },
      ),
    )
    return undefined
  }
  const { dir } = splitPath(file.path)
  for (const group of ofType('aws_bedrockagent_agent_action_group')) {
    owner(group, 'action group')?.actionGroups.push(
      terraformActionGroup(group, file, dir),
    )
  }
  const aliases = new Map(
    ofType('aws_bedrockagent_agent_alias').map((alias) => [
      alias.labels[1] ?? '',
      tfTarget(tf(alias, 'agent_id'), 'aws_bedrockagent_agent'),
    ]),
  )
  for (const collaborator of ofType('aws_bedrockagent_agent_collaborator')) {
    const arn = tf(child(collaborator, 'agent_descriptor'), 'alias_arn')
    const aliasLabel = tfTarget(arn, 'aws_bedrockagent_agent_alias')
    const agentLabel =
      aliasLabel === undefined ? undefined : aliases.get(aliasLabel)
    owner(collaborator, 'collaborator')?.collaborators.push({
      name: tf(collaborator, 'collaborator_name').value,
      agentKey:
        agentLabel === undefined ? undefined : byLabel.get(agentLabel)?.key,
      line: collaborator.line,
      relay: tf(collaborator, 'relay_conversation_history').value,
    })
  }
  for (const association of ofType(
    'aws_bedrockagent_agent_knowledge_base_association',
  )) {
    owner(association, 'knowledge base association')?.knowledgeBases.push({
      id: tf(association, 'knowledge_base_id'),
      description: tf(association, 'description').value,
      line: association.line,
      disabled: tf(association, 'knowledge_base_state').value === 'DISABLED',
    })
  }
  for (const spec of specs) {
    if (ofType('aws_bedrockagent_agent_action_group').length === 0) {
      spec.notes.push(
        'no action group in this file: Terraform modules often declare them in other .tf files, which are not read with the agent',
      )
    }
  }
  return { agents: toProfiles(specs, file.path), problems }
}

function terraformAgent(agent: HclBlock): AgentSpec {
  const label = agent.labels[1] ?? 'agent'
  const notes: string[] = []
  if (agent.attributes.has('count') || agent.attributes.has('for_each')) {
    notes.push(
      `aws_bedrockagent_agent.${label} uses count or for_each: it may create several agents`,
    )
  }
  const guardrail = child(agent, 'guardrail_configuration')
  const memory = child(agent, 'memory_configuration')
  const override = child(agent, 'prompt_override_configuration')
  const orchestration = children(override, 'prompt_configurations').find(
    (c) => tf(c, 'prompt_type').value === 'ORCHESTRATION',
  )
  return {
    key: `aws_bedrockagent_agent.${label}`,
    line: agent.line,
    name: tf(agent, 'agent_name'),
    description: tf(agent, 'description'),
    instruction: tf(agent, 'instruction'),
    model: tf(agent, 'foundation_model'),
    temperature: tfNumber(
      child(orchestration, 'inference_configuration'),
      'temperature',
    ),
    role: tf(agent, 'agent_resource_role_arn'),
    collaboration: tf(agent, 'agent_collaboration'),
    orchestration: tf(agent, 'orchestration_type'),
    idleTtl: tfNumber(agent, 'idle_session_ttl_in_seconds'),
    guardrail:
      guardrail && guardrail.attributes.has('guardrail_identifier')
        ? { line: guardrail.line }
        : undefined,
    memory: memory
      ? {
          line: memory.line,
          types: tfStrings(memory, 'enabled_memory_types'),
          storageDays: tfNumber(memory, 'storage_days').value,
        }
      : undefined,
    actionGroups: [],
    collaborators: [],
    knowledgeBases: [],
    notes,
  }
}

function terraformActionGroup(
  group: HclBlock,
  file: ManifestFile,
  dir: string,
): ActionGroupSpec {
  const name =
    tf(group, 'action_group_name').value ?? group.labels[1] ?? 'action group'
  const executor = child(group, 'action_group_executor')
  const functions: FunctionSpec[] = []
  const schema = child(group, 'function_schema')
  const dynamic = group.blocks.some((b) => b.type === 'dynamic')
  for (const members of children(schema, 'member_functions')) {
    for (const fn of children(members, 'functions')) {
      const fnName = tf(fn, 'name').value
      if (!fnName) continue
      functions.push({
        name: fnName,
        description: tf(fn, 'description').value,
        line: fn.line,
        confirmation: tf(fn, 'require_confirmation'),
        source: 'code',
      })
    }
  }
  let opaqueSchema: string | undefined
  const api = child(group, 'api_schema')
  if (api) {
    const payload = tf(api, 'payload')
    const text =
      payload.ref === undefined
        ? payload.value
        : readFileCall(payload.ref, file, dir)
    const parsed =
      text === undefined
        ? undefined
        : openApiFunctions(text, file.path, api.line)
    if (parsed) functions.push(...parsed)
    else if (child(api, 's3')) opaqueSchema = 'stored in S3'
    else opaqueSchema = 'set through an expression or unreadable'
  }
  if (dynamic) {
    opaqueSchema ??= 'generated by a dynamic block'
  }
  return {
    name,
    line: group.line,
    description: tf(group, 'description').value,
    signature: tf(group, 'parent_action_group_signature').value,
    disabled: tf(group, 'action_group_state').value === 'DISABLED',
    returnControl: tf(executor, 'custom_control').value === 'RETURN_CONTROL',
    functions,
    opaqueSchema,
  }
}

/** The text behind `file("${path.module}/schema.yaml")`, when it is a sibling. */
function readFileCall(
  expression: string,
  file: ManifestFile,
  dir: string,
): string | undefined {
  const match = /^file\(\s*"(?:\$\{path\.module\}\/)?([^"$]+)"\s*\)$/.exec(
    expression.trim(),
  )
  const relative = match?.[1]
  if (!relative || relative.startsWith('/') || relative.includes('..'))
    return undefined
  return file.readSibling(`${dir}${relative.replace(/^\.\//, '')}`)
}
