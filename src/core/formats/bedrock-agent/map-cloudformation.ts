import {
  problem,
  readWith,
  rejected,
  type DataPath,
  type FormatResult,
  type ManifestFile,
  type Problem,
} from '../../manifest/kit.js'
import { toProfiles } from './map.js'
import {
  ABSENT,
  numberAt,
  target,
  textAt,
  type Template,
} from './map-cloudformation-values.js'
import { templateActionGroup } from './map-cloudformation-groups.js'
import {
  AGENT_TYPE,
  ALIAS_TYPE,
  Template as TemplateSchema,
  type AgentProperties,
  type Collaborator,
} from './schema.js'
import type { AgentSpec, CollaboratorSpec, Src } from './spec.js'

/** A CloudFormation or SAM template: each `AWS::Bedrock::Agent` an agent. */
export function mapCloudFormation(file: ManifestFile): FormatResult {
  const json = /\.json$/i.test(file.path) || /^\s*\{/.test(file.text)
  const read = readWith(file, json ? 'json' : 'yaml', TemplateSchema)
  if (!read.ok) return read.result
  const resources = read.data?.Resources
  if (!resources) {
    return rejected('not a CloudFormation template: no Resources mapping')
  }
  const template: Template = {
    read,
    yaml: !json,
    lines: file.text.split(/\r?\n/),
    resources: new Map(resources),
    file,
  }
  const agents = resources.flatMap(([key, resource]) =>
    resource.agent ? [{ key, properties: resource.agent }] : [],
  )
  if (agents.length === 0) {
    return rejected(
      'a CloudFormation template without an AWS::Bedrock::Agent resource',
    )
  }
  const problems: Problem[] = [...read.problems]
  const specs = agents.map(({ key, properties }) =>
    templateAgent(template, key, properties, problems),
  )
  return { agents: toProfiles(specs, file.path), problems, document: read.doc }
}

type AgentText =
  | 'AgentName'
  | 'Description'
  | 'Instruction'
  | 'FoundationModel'
  | 'AgentResourceRoleArn'
  | 'AgentCollaboration'
  | 'OrchestrationType'

function templateAgent(
  t: Template,
  key: string,
  properties: AgentProperties,
  problems: Problem[],
): AgentSpec {
  const base: DataPath = ['Resources', key, 'Properties']
  const p = (...rest: Array<string | number>): DataPath => [...base, ...rest]
  const line = t.read.lineOf(['Resources', key]) ?? 1
  if (!properties.isMapping) {
    problems.push(
      problem(t.file.path, line, `resource ${key} has no Properties`, {
        field: `Resources.${key}.Properties`,
        level: 'warning',
      }),
    )
  }
  const text = (name: AgentText): Src<string> =>
    textAt(t, base, properties, name)
  const memory = properties.MemoryConfiguration
  return {
    key,
    line,
    name: text('AgentName'),
    description: text('Description'),
    instruction: text('Instruction'),
    model: text('FoundationModel'),
    temperature: orchestrationTemperature(
      t,
      p('PromptOverrideConfiguration'),
      properties,
    ),
    role: text('AgentResourceRoleArn'),
    collaboration: text('AgentCollaboration'),
    orchestration: text('OrchestrationType'),
    idleTtl: numberAt(
      t,
      p('IdleSessionTTLInSeconds'),
      properties.IdleSessionTTLInSeconds,
    ),
    guardrail: properties.GuardrailConfiguration?.GuardrailIdentifier
      ? { line: t.read.lineOf(p('GuardrailConfiguration')) }
      : undefined,
    memory: memory
      ? {
          line: t.read.lineOf(p('MemoryConfiguration')),
          types: memory.EnabledMemoryTypes,
          storageDays: numberAt(
            t,
            p('MemoryConfiguration', 'StorageDays'),
            memory.StorageDays,
          ).value,
        }
      : undefined,
    actionGroups: (properties.ActionGroups ?? []).map((group, i) =>
      templateActionGroup(t, p('ActionGroups', i), group),
    ),
    collaborators: (properties.AgentCollaborators ?? []).map(
      (collaborator, i) =>
        templateCollaborator(t, p('AgentCollaborators', i), collaborator),
    ),
    knowledgeBases: (properties.KnowledgeBases ?? []).map((base, i) => ({
      id: textAt(t, p('KnowledgeBases', i), base, 'KnowledgeBaseId'),
      description: textAt(t, p('KnowledgeBases', i), base, 'Description').value,
      line: t.read.lineOf(p('KnowledgeBases', i)),
      disabled:
        textAt(t, p('KnowledgeBases', i), base, 'KnowledgeBaseState').value ===
        'DISABLED',
    })),
    notes: [],
  }
}

function orchestrationTemperature(
  t: Template,
  path: DataPath,
  properties: AgentProperties,
): AgentSpec['temperature'] {
  const configs =
    properties.PromptOverrideConfiguration?.PromptConfigurations ?? []
  const index = configs.findIndex(
    (config) => config?.PromptType === 'ORCHESTRATION',
  )
  if (index < 0) return {}
  return numberAt(
    t,
    [
      ...path,
      'PromptConfigurations',
      index,
      'InferenceConfiguration',
      'Temperature',
    ],
    configs[index]?.InferenceConfiguration?.Temperature ?? ABSENT,
  )
}

/** A collaborator, resolved through its alias to an agent of the template. */
function templateCollaborator(
  t: Template,
  path: DataPath,
  collaborator: Collaborator,
): CollaboratorSpec {
  const alias = target(t, collaborator.AgentDescriptor?.AliasArn)
  let agentKey: string | undefined
  if (alias) {
    const resource = t.resources.get(alias)
    if (resource?.type === ALIAS_TYPE) agentKey = target(t, resource.aliasOf)
    else if (resource?.type === AGENT_TYPE) agentKey = alias
  }
  return {
    name: textAt(t, path, collaborator, 'CollaboratorName').value,
    agentKey,
    line: t.read.lineOf(path),
    relay: textAt(t, path, collaborator, 'RelayConversationHistory').value,
  }
}
