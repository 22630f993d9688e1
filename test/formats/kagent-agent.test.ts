import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import kagent from '../../src/core/formats/kagent-agent/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { FIXTURES, fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/kagent-agent/'
const TEAM = `${DIR}ours-sre-team.yaml`
const HELM = `${DIR}ours-v1alpha1-helm-agent.yml`
const DECOY = `${DIR}ours-deployment-decoy.yaml`
const OTHER_CRD = `${DIR}ours-other-agent-crd.yaml`

const read = (path: string): string =>
  readFileSync(join(FIXTURES, path), 'utf8')

function claimed(path: string, text: string): boolean {
  const claim = kagent.matchPath(path)
  return (
    claim === 'yes' ||
    (claim === 'maybe' && (kagent.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

function parsed(path: string): FormatResult {
  const result = kagent.parse(fixtureFile(path))
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result
}

function byName(result: FormatResult, name: string): AgentProfile {
  const agent = result.agents.find((a) => a.name === name)
  expect(agent, `agent ${name}`).toBeDefined()
  return agent!
}

describe('kagent-agent: paths and sniffing', () => {
  it('sniffs YAML files only', () => {
    expect(kagent.matchPath('deploy/agents/sre.yaml')).toBe('maybe')
    expect(kagent.matchPath('k8s/agent.yml')).toBe('maybe')
    expect(kagent.matchPath('agent.json')).toBe('no')
  })

  it('claims kagent Agents, alone or among other resources', () => {
    expect(claimed(TEAM, read(TEAM))).toBe(true)
    expect(claimed(HELM, read(HELM))).toBe(true)
  })

  it('does not claim Kubernetes files without a kagent Agent', () => {
    expect(claimed(DECOY, read(DECOY))).toBe(false)
    expect(claimed(OTHER_CRD, read(OTHER_CRD))).toBe(false)
    expect(
      claimed(
        'agent-template.yaml',
        'apiVersion: kagent.dev/v1alpha2\nkind: ModelConfig\nmetadata:\n  name: m\n',
      ),
    ).toBe(false)
    expect(claimed('docker-compose.yml', 'services:\n  kind: Agent\n')).toBe(
      false,
    )
  })

  it('rejects Kubernetes files whose resources are not kagent Agents', () => {
    expect(parsed(DECOY).rejected).toBe(
      'Kubernetes manifest without a kagent Agent (found Deployment (apps/v1), Service (v1))',
    )
    expect(parsed(OTHER_CRD).rejected).toMatch(
      /without a kagent Agent \(found Agent \(kaos\.tools\/v1alpha1\)\)/,
    )
    expect(kagent.parse(textFile('x.yaml', '# nothing\n')).rejected).toBe(
      'no kagent Agent resource',
    )
  })
})

describe('kagent-agent: v1alpha2', () => {
  it('reads both Agents of a multi-document file with their lines', () => {
    const result = parsed(TEAM)
    expect(result.problems).toEqual([])
    expect(result.agents.map((a) => [a.name, a.source.line])).toEqual([
      ['sre-lead', 40],
      ['log-reader', 87],
    ])
    expect(result.document).toBeUndefined()
  })

  it('reads the lead: model, MCP tools with approval, sub-agent, memory', () => {
    const lead = byName(parsed(TEAM), 'sre-lead')
    expect(lead).toMatchObject({
      format: 'kagent-agent',
      description: 'Coordinates incident response.',
      instructions: 'You lead incident response. Ask before changing anything.',
      model: {
        name: 'claude-sonnet-4-5',
        provider: 'Anthropic',
        temperature: 0.2,
      },
      subAgents: ['log-reader'],
      delegation: { canDelegate: true, mode: 'hierarchical' },
      memory: { kind: 'persistent', writable: true, stores: ['kagent memory'] },
      identity: {
        kind: 'delegated',
        credentials: ['anthropic-api-key', 'PAGERDUTY_TOKEN'],
      },
      controls: { humanApproval: true },
      skills: [
        {
          name: 'Incident triage',
          description: 'Triage an incident and page the right team.',
        },
      ],
      exposure: {
        reach: 'internal',
        channels: ['a2a'],
        endpoint: '/api/a2a/kagent/sre-lead',
      },
      triggers: ['chat', 'api'],
      evidence: { name: 40, model: 46, instructions: 47, memory: 72 },
    })
    expect(
      lead.tools.map((t) => [
        t.name,
        t.kind,
        t.source,
        t.line,
        t.requiresApproval,
        t.readOnly,
      ]),
    ).toEqual([
      ['k8s_get_resources', 'cloud-admin', 'mcp', 50, false, true],
      ['k8s_delete_resource', 'cloud-admin', 'mcp', 50, true, undefined],
      ['k8s_apply_manifest', 'cloud-admin', 'mcp', 50, true, undefined],
      ['log-reader', 'agent-call', 'a2a', 64, undefined, undefined],
    ])
    expect(lead.tools[0]?.server).toMatchObject({
      transport: 'http',
      url: 'http://kagent-tools.kagent:8084/mcp',
    })
    expect(lead.notes).toEqual(
      expect.arrayContaining([
        "it forwards the caller's Authorization header to kagent-tool-server: tools act on the caller's behalf",
        'long-term memory kept 30 days',
        'it runs as the service account sre-lead',
      ]),
    )
  })

  it('reads the sub-agent: parent, default model config, open server', () => {
    const reader = byName(parsed(TEAM), 'log-reader')
    expect(reader).toMatchObject({
      parent: 'sre-lead',
      tools: [{ name: 'grafana-mcp', source: 'mcp', wildcard: true, line: 95 }],
      controls: { humanApproval: false },
    })
    expect(reader.model).toEqual({})
    expect(reader.notes).toEqual(
      expect.arrayContaining([
        'its model comes from ModelConfig default-model-config, defined outside this file',
        'MCP server grafana-mcp (RemoteMCPServer) is defined outside this file',
        'no toolNames: every tool of grafana-mcp is available',
        'no requireApproval: kagent runs its tools without asking',
      ]),
    )
  })
})

describe('kagent-agent: v1alpha1 and errors', () => {
  it('reads a v1alpha1 Agent with a toolServer, an agent ref and memory', () => {
    const result = parsed(HELM)
    expect(result.problems).toEqual([])
    expect(result.document).toBeDefined()
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'helm-helper',
      source: { line: 5 },
      instructions: 'You manage Helm releases.',
      memory: { kind: 'persistent', stores: ['pinecone-memory'] },
      subAgents: ['k8s-agent'],
      controls: { humanApproval: false },
      exposure: { endpoint: '/api/a2a/default/helm-helper' },
    })
    expect(agent.tools.map((t) => [t.name, t.kind, t.readOnly])).toEqual([
      ['helm_list_releases', 'cloud-admin', true],
      ['helm_upgrade', 'cloud-admin', undefined],
      ['k8s-agent', 'agent-call', undefined],
    ])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'MCP server kagent/kagent-tool-server is defined outside this file',
        'it calls agent k8s-agent in namespace kagent',
        'long-term memory in pinecone-memory',
      ]),
    )
  })

  it('reports a broken Agent document with the line in the whole file', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata:\n  name: [broken\n'
    const result = kagent.parse(textFile('agents.yaml', text))
    expect(result.agents).toEqual([])
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({
      file: 'agents.yaml',
      level: 'error',
    })
    expect(result.problems[0]?.message).toMatch(/^invalid YAML/)
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(9)
  })

  it('keeps a good Agent when another document is broken', () => {
    const text =
      'apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata:\n  name: good\nspec:\n  type: Declarative\n  declarative:\n    systemMessage: hi\n---\nnot: [valid\n'
    const result = kagent.parse(textFile('agents.yaml', text))
    expect(result.agents.map((a) => [a.name, a.source.line])).toEqual([
      ['good', 4],
    ])
    expect(result.problems).toEqual([])
  })

  it('warns about a nameless Agent and an unknown tool type', () => {
    const text =
      '---\napiVersion: kagent.dev/v1alpha2\nkind: Agent\nspec:\n  declarative:\n    tools:\n      - type: Shell\n'
    const result = kagent.parse(textFile('agents.yaml', text))
    expect(result.agents.map((a) => a.name)).toEqual(['agent'])
    expect(result.problems).toMatchObject([
      { line: 3, field: 'metadata.name', level: 'warning' },
      { line: 7, level: 'warning', message: 'unknown tool type "Shell"' },
    ])
  })

  it('notes a BYO agent whose behaviour is in its image', () => {
    const text =
      'apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata:\n  name: byo\nspec:\n  type: BYO\n  byo:\n    deployment:\n      image: ghcr.io/acme/agent:1.0\n'
    const agent = kagent.parse(textFile('byo.yaml', text)).agents[0]!
    expect(agent.notes).toContain(
      'BYO agent: its behaviour is in the image ghcr.io/acme/agent:1.0; the manifest under-reports its tools',
    )
    expect(agent.tools).toEqual([])
  })
})

describe('kagent v1alpha3, SandboxAgent and AgentTemplate', () => {
  const SANDBOX = `${DIR}ours-v1alpha3-sandbox-agents.yaml`
  const TEMPLATE = `${DIR}ours-v1alpha3-agent-template.yaml`

  it('claims v1alpha3 Agents, SandboxAgents and AgentTemplates', () => {
    expect(claimed('deploy/agents.yaml', read(SANDBOX))).toBe(true)
    expect(claimed('deploy/template.yaml', read(TEMPLATE))).toBe(true)
  })

  it('reads a v1alpha3 SandboxAgent as an agent run in a sandbox', () => {
    const result = parsed(SANDBOX)
    expect(result.agents.map((a) => a.name)).toEqual([
      'code-runner',
      'cluster-helper',
    ])
    const runner = byName(result, 'code-runner')
    expect(runner.controls.sandbox).toBe(true)
    expect(runner.instructions).toMatch(/run short scripts/)
    expect(runner.model.name).toBe('claude-sonnet-4-5-20250929')
    expect(runner.notes.join('\n')).toMatch(/SandboxAgent/)
  })

  it('reads a v1alpha3 Agent with its MCP tools, approvals and agent tool', () => {
    const helper = byName(parsed(SANDBOX), 'cluster-helper')
    expect(helper.controls.sandbox).toBeUndefined()
    const tools = new Map(helper.tools.map((t) => [t.name, t]))
    expect(tools.get('k8s_delete_resource')?.requiresApproval).toBe(true)
    expect(tools.get('k8s_get_resources')).toBeDefined()
    expect(helper.tools.some((t) => t.kind === 'agent-call')).toBe(true)
  })

  it('reads an AgentTemplate: systemPrompt and modelConfig {name} in spec', () => {
    const [agent] = parsed(TEMPLATE).agents
    expect(agent?.name).toBe('incident-researcher')
    expect(agent?.instructions).toMatch(/research incidents/)
    expect(agent?.evidence.instructions).toBe(12)
    expect(agent?.notes.join('\n')).toMatch(/default-model-config/)
  })
})
