import {
  parseHclDocument,
  problem,
  readManifest,
  rejected,
  splitPath,
  type FormatResult,
  type ManifestFile,
  type Problem,
} from '../../manifest/kit.js'
import { toProfiles } from './map.js'
import { terraformActionGroup } from './map-terraform-groups.js'
import { TerraformFile, type TfAgent } from './schema-terraform.js'
import { short, type AgentSpec, type Src } from './spec.js'

/** The label of the `<type>.<label>` a reference expression names. */
function tfTarget(src: Src<string>, type: string): string | undefined {
  const text = src.ref ?? ''
  return new RegExp(`\\b${type}\\.([A-Za-z_][\\w-]*)\\b`).exec(text)?.[1]
}

interface Owned {
  readonly line: number
  readonly labels: readonly string[]
  readonly agent_id: Src<string>
}

/**
 * A .tf file: each `aws_bedrockagent_agent` an agent, with the action
 * groups, collaborators and knowledge base associations of the same file
 * that name it (or, when it is the only one, that name no agent of it).
 */
export function mapTerraform(file: ManifestFile): FormatResult {
  const read = readManifest(file, parseHclDocument)
  if (!read.ok) return read.result
  const tf = TerraformFile.parse(read.value)
  if (tf.agents.length === 0) {
    return rejected(
      'a Terraform file without an aws_bedrockagent_agent resource (companion resources are read only with their agent)',
    )
  }
  const problems: Problem[] = []
  const labelled = tf.agents.map((agent) => ({
    label: agent.labels[1] ?? '',
    spec: terraformAgent(agent),
  }))
  const specs = labelled.map(({ spec }) => spec)
  const byLabel = new Map(labelled.map(({ label, spec }) => [label, spec]))
  const owner = (resource: Owned, what: string): AgentSpec | undefined => {
    const label = tfTarget(resource.agent_id, 'aws_bedrockagent_agent')
    const spec = label === undefined ? undefined : byLabel.get(label)
    if (spec) return spec
    if (specs.length === 1) {
      specs[0]?.notes.push(
        `${what} ${resource.labels[1] ?? ''} names its agent through ${short(resource.agent_id.ref ?? resource.agent_id.value ?? 'nothing')}; it is taken to belong to the only agent of the file`,
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
  for (const group of tf.actionGroups) {
    owner(group, 'action group')?.actionGroups.push(
      terraformActionGroup(group, file, dir),
    )
  }
  const aliases = new Map(
    tf.aliases.map((alias) => [
      alias.labels[1] ?? '',
      tfTarget(alias.agent_id, 'aws_bedrockagent_agent'),
    ]),
  )
  for (const collaborator of tf.collaborators) {
    const arn = collaborator.agent_descriptor[0]?.alias_arn ?? {}
    const aliasLabel = tfTarget(arn, 'aws_bedrockagent_agent_alias')
    const agentLabel =
      aliasLabel === undefined ? undefined : aliases.get(aliasLabel)
    owner(collaborator, 'collaborator')?.collaborators.push({
      name: collaborator.collaborator_name.value,
      agentKey:
        agentLabel === undefined ? undefined : byLabel.get(agentLabel)?.key,
      line: collaborator.line,
      relay: collaborator.relay_conversation_history.value,
    })
  }
  for (const association of tf.knowledgeBases) {
    owner(association, 'knowledge base association')?.knowledgeBases.push({
      id: association.knowledge_base_id,
      description: association.description.value,
      line: association.line,
      disabled: association.knowledge_base_state.value === 'DISABLED',
    })
  }
  for (const spec of specs) {
    if (tf.actionGroups.length === 0) {
      spec.notes.push(
        'no action group in this file: Terraform modules often declare them in other .tf files, which are not read with the agent',
      )
    }
  }
  return { agents: toProfiles(specs, file.path), problems }
}

function terraformAgent(agent: TfAgent): AgentSpec {
  const label = agent.labels[1] ?? 'agent'
  const notes: string[] = []
  if (agent.count || agent.for_each) {
    notes.push(
      `aws_bedrockagent_agent.${label} uses count or for_each: it may create several agents`,
    )
  }
  const guardrail = agent.guardrail_configuration[0]
  const memory = agent.memory_configuration[0]
  const override = agent.prompt_override_configuration[0]
  const orchestration = override?.prompt_configurations.find(
    (config) => config.prompt_type.value === 'ORCHESTRATION',
  )
  return {
    key: `aws_bedrockagent_agent.${label}`,
    line: agent.line,
    name: agent.agent_name,
    description: agent.description,
    instruction: agent.instruction,
    model: agent.foundation_model,
    temperature: orchestration?.inference_configuration[0]?.temperature ?? {},
    role: agent.agent_resource_role_arn,
    collaboration: agent.agent_collaboration,
    orchestration: agent.orchestration_type,
    idleTtl: agent.idle_session_ttl_in_seconds,
    guardrail: guardrail?.guardrail_identifier
      ? { line: guardrail.line }
      : undefined,
    memory: memory
      ? {
          line: memory.line,
          types: memory.enabled_memory_types,
          storageDays: memory.storage_days.value,
        }
      : undefined,
    actionGroups: [],
    collaborators: [],
    knowledgeBases: [],
    notes,
  }
}
