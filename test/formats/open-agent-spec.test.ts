import { describe, expect, it } from 'vitest'
import gitagent from '../../src/core/formats/gitagent/index.js'
import msAgentFramework from '../../src/core/formats/ms-agent-framework/index.js'
import format from '../../src/core/formats/open-agent-spec/index.js'
import semanticKernel from '../../src/core/formats/semantic-kernel-agent/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'
import { expectDecoysIgnored } from './declarative-decoys.js'

const DIR = 'formats/open-agent-spec'
const MCP_AGENT = 'oracle__agent-spec__howto_mcp_agent.yaml'
const SWARM = 'oracle__agent-spec__howto_swarm.yaml'

function parse(name: string): FormatResult {
  const result = format.parse(fixtureFile(`${DIR}/${name}`))
  for (const agent of result.agents)
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return result
}

function byName(result: FormatResult, name: string): AgentProfile {
  const agent = result.agents.find((a) => a.name === name)
  expect(agent, name).toBeDefined()
  return agent!
}

function claims(path: string, text: string): boolean {
  const claim = format.matchPath(path)
  return (
    claim === 'yes' ||
    (claim === 'maybe' && (format.sniff?.(text, path) ?? false))
  )
}

describe('Open Agent Spec', () => {
  it('considers YAML and JSON files and decides by content', () => {
    expect(format.matchPath('agentspec/agent.yaml')).toBe('maybe')
    expect(format.matchPath('configs/flow.json')).toBe('maybe')
    expect(format.matchPath('configs/flow.json5')).toBe('maybe')
    expect(format.matchPath('README.md')).toBe('no')
    expect(format.matchPath('agent.py')).toBe('no')
  })

  it.each([MCP_AGENT, SWARM, 'ours-managerworkers.yaml', 'ours-flow.json'])(
    'claims %s under its own name',
    (name) => {
      const file = fixtureFile(`${DIR}/${name}`)
      expect(claims(name, file.text.slice(0, 16 * 1024))).toBe(true)
    },
  )

  it('reads the MCP agent of the corpus', () => {
    const result = parse(MCP_AGENT)
    expect(result.problems).toEqual([])
    expect(result.document).toBeDefined()
    expect(result.agents).toHaveLength(1)
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'Agent using MCP',
      format: 'open-agent-spec',
      source: { file: `${DIR}/${MCP_AGENT}`, line: 7 },
      model: { provider: 'vllm', unresolved: true },
      instructions: 'Use tools at your disposal to assist the user.',
      tools: [
        {
          name: 'Payslip MCP ToolBox',
          source: 'mcp',
          line: 26,
          wildcard: true,
          requiresApproval: false,
          server: { transport: 'sse', url: 'http://localhost:8080/sse' },
        },
      ],
      triggers: ['chat'],
      evidence: { name: 9, model: 14, tools: 25, instructions: 23 },
    })
    // `model_id: model_id` is a generator placeholder, `llm` no model name.
    expect(agent.model.name).toBeUndefined()
    // human_in_the_loop lets the agent ask questions; it approves nothing.
    expect(agent.controls.humanApproval).toBeUndefined()
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/human_in_the_loop true lets the agent ask/),
        expect.stringMatching(/exposes every tool its server offers/),
        expect.stringMatching(/model_id and url .* are placeholders/),
      ]),
    )
  })

  it('reads the swarm of the corpus as peers through $component_ref', () => {
    const result = parse(SWARM)
    expect(result.problems).toEqual([])
    expect(result.agents.map((a) => [a.name, a.source.line])).toEqual([
      ['GeneralPractitioner', 25],
      ['Pharmacist', 87],
      ['Dermatologist', 122],
    ])
    const gp = byName(result, 'GeneralPractitioner')
    expect(gp).toMatchObject({
      model: {
        name: 'meta.llama-3.3-70b-instruct',
        provider: 'vllm',
        unresolved: true,
      },
      delegation: {
        canDelegate: true,
        mode: 'swarm',
        peers: ['Pharmacist', 'Dermatologist'],
      },
      tools: [
        {
          name: 'Symptoms checker',
          kind: 'search',
          line: 63,
          source: 'code',
          requiresApproval: false,
        },
      ],
      evidence: { delegation: 17, model: 34 },
      triggers: ['chat'],
    })
    expect(gp.instructions).toMatch(/^You are an helpful general practitioner/)
    expect(gp.subAgents).toEqual([])
    expect(byName(result, 'Dermatologist').delegation.peers).toEqual([
      'GeneralPractitioner',
      'Pharmacist',
    ])
    // A member that only receives work is in the swarm, not alone: its
    // callers are its peers and the mode is the swarm's.
    const pharmacist = byName(result, 'Pharmacist')
    expect(pharmacist.delegation).toMatchObject({
      mode: 'swarm',
      peers: ['GeneralPractitioner', 'Dermatologist'],
    })
    expect(pharmacist.delegation.canDelegate).toBeUndefined()
    expect(pharmacist.tools).toMatchObject([
      { name: 'Get medication info', line: 111, source: 'code' },
    ])
    // handoff (the default) lets every member take over the conversation.
    expect(pharmacist.triggers).toEqual(['chat'])
    for (const agent of result.agents) {
      expect(agent.parent).toBeUndefined()
      expect(agent.notes).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/member of swarm Swarm: .*handoff/),
          expect.stringMatching(/tools are bound in code \(ServerTool/),
        ]),
      )
    }
  })

  it('links manager and workers, and reads toolboxes, remote tools and A2A agents', () => {
    const result = parse('ours-managerworkers.yaml')
    expect(result.problems).toEqual([])
    expect(result.agents.map((a) => a.name)).toEqual([
      'SupportManager',
      'Refunder',
      'FraudChecker',
    ])
    const manager = byName(result, 'SupportManager')
    expect(manager).toMatchObject({
      source: { line: 5 },
      subAgents: ['Refunder', 'FraudChecker'],
      delegation: { canDelegate: true, mode: 'hierarchical' },
      model: {
        name: 'gpt-4o-2024-08-06',
        provider: 'openai',
        temperature: 0.2,
        seed: 7,
      },
      tools: [
        {
          name: 'github',
          kind: 'cloud-admin',
          source: 'mcp',
          line: 15,
          wildcard: false,
          requiresApproval: true,
          server: { transport: 'stdio', command: 'npx', pinned: false },
        },
      ],
      identity: { credentials: ['GITHUB_TOKEN'] },
      controls: { humanApproval: false, allowlists: true },
      evidence: { 'controls.humanApproval': 29, subAgents: 30 },
    })
    expect(manager.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/human_in_the_loop false/),
        expect.stringMatching(/unpinned package/),
        expect.stringMatching(/filled at run time from inputs \(customer_id\)/),
      ]),
    )
    const refunder = byName(result, 'Refunder')
    expect(refunder).toMatchObject({
      parent: 'SupportManager',
      tools: [
        {
          name: 'issue_refund',
          kind: 'payments',
          requiresApproval: false,
          server: { transport: 'http', env: ['Authorization'] },
        },
        {
          name: 'lookup_order',
          source: 'code',
          requiresApproval: true,
        },
      ],
      identity: { credentials: ['Authorization'] },
    })
    // Only one of its two tools waits for confirmation.
    expect(refunder.controls.humanApproval).toBeUndefined()
    expect(refunder.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /issue_refund builds its URL .* no url_allow_list/,
        ),
      ]),
    )
    const fraud = byName(result, 'FraudChecker')
    expect(fraud).toMatchObject({
      parent: 'SupportManager',
      exposure: {
        endpoint: 'https://fraud.example.com/a2a',
        reach: 'public',
        channels: ['a2a'],
      },
      tools: [],
    })
    expect(fraud.notes).toEqual([
      expect.stringMatching(/A2AAgent at .* live outside this manifest/),
      'A2AAgent connection does not verify TLS certificates',
    ])
  })

  it('reads a JSON flow: agent nodes, tool nodes, LLM nodes and sub-flows', () => {
    const result = parse('ours-flow.json')
    expect(result.problems).toEqual([])
    const flow = byName(result, 'triage-flow')
    expect(flow).toMatchObject({
      source: { line: 1 },
      subAgents: ['Triager'],
      delegation: { canDelegate: true, mode: 'parallel' },
      model: { name: 'llama3.1:8b', provider: 'ollama' },
      instructions: 'Summarise {{ticket}}',
      triggers: ['chat'],
      tools: [
        { name: 'post_webhook', kind: 'network', line: 37 },
        {
          name: 'delete_ticket',
          source: 'mcp',
          wildcard: false,
          server: {
            transport: 'http',
            url: 'https://tickets.internal.test/mcp',
          },
        },
      ],
      identity: { credentials: ['Authorization'] },
    })
    expect(byName(result, 'Triager')).toMatchObject({
      parent: 'triage-flow',
      source: { line: 24 },
      instructions: 'Classify the ticket.',
    })
    for (const agent of result.agents)
      expect(agent.notes).toContain(
        'component defined-elsewhere is referenced but defined in another file; what it does is not known here',
      )
  })

  it('reports a flow that runs no agent or LLM instead of inventing one', () => {
    const result = parse('ours-tool-only-flow.yaml')
    expect(result.agents).toEqual([])
    expect(result.rejected).toBeUndefined()
    expect(result.problems).toMatchObject([
      {
        file: `${DIR}/ours-tool-only-flow.yaml`,
        line: 2,
        level: 'warning',
        message: expect.stringMatching(/nightly-etl" runs no agent or LLM/),
      },
    ])
  })

  it('treats an agent whose every tool waits for confirmation as approved', () => {
    const result = format.parse(
      textFile(
        'agents/lookup.json',
        JSON.stringify({
          component_type: 'Agent',
          name: 'lookup',
          system_prompt: 'Look things up.',
          llm_config: {
            component_type: 'OpenAiConfig',
            name: 'openai',
            model_id: 'gpt-4o-mini',
          },
          tools: [
            {
              component_type: 'RemoteTool',
              name: 'get_customer',
              url: 'https://crm.example.com/customers/{{id}}',
              http_method: 'GET',
              url_allow_list: ['https://crm.example.com/customers/'],
              requires_confirmation: true,
            },
          ],
          human_in_the_loop: true,
          agentspec_version: '26.1.0',
        }),
      ),
    )
    expect(result.problems).toEqual([])
    expect(result.agents[0]).toMatchObject({
      name: 'lookup',
      controls: { humanApproval: true, allowlists: true },
      tools: [
        {
          name: 'get_customer',
          kind: 'network',
          readOnly: true,
          requiresApproval: true,
        },
      ],
    })
  })

  it('reads a specialised agent as its base agent plus the specialisation', () => {
    const text = [
      'component_type: SpecializedAgent',
      'id: essay',
      'name: essay-writer',
      'agent:',
      '  component_type: Agent',
      '  id: expert',
      '  name: expert',
      '  system_prompt: You are an expert.',
      '  llm_config:',
      '    component_type: VllmConfig',
      '    name: vllm',
      '    url: http://vllm.internal:8000',
      '    model_id: llama-3.3-70b',
      '  human_in_the_loop: true',
      'agent_specialization_parameters:',
      '  component_type: AgentSpecializationParameters',
      '  name: essay',
      '  additional_instructions: Help write an essay.',
      '  additional_tools:',
      '  - component_type: ServerTool',
      '    name: websearch_tool',
      '    description: Search the web',
      '  human_in_the_loop: false',
      'agentspec_version: 26.1.0',
      '',
    ].join('\n')
    const result = format.parse(textFile('essay.yaml', text))
    expect(result.problems).toEqual([])
    expect(result.agents).toHaveLength(1)
    expect(result.agents[0]).toMatchObject({
      name: 'essay-writer',
      instructions: 'You are an expert.\n\nHelp write an essay.',
      model: { name: 'llama-3.3-70b', provider: 'vllm' },
      tools: [{ name: 'websearch_tool', kind: 'search', line: 20 }],
      controls: { humanApproval: false },
      evidence: { 'controls.humanApproval': 23 },
      triggers: [],
    })
  })

  it('treats hostile names as data', () => {
    const result = format.parse(
      textFile(
        'h.yaml',
        [
          'component_type: Agent',
          'name: __proto__',
          'system_prompt: hi',
          'llm_config: { component_type: constructor, model_id: m1 }',
          'toolboxes:',
          '- component_type: MCPToolBox',
          '  name: constructor',
          '  client_transport:',
          '    component_type: SSETransport',
          '    url: https://x.corp.test/sse',
          '    headers: { __proto__: x, Authorization: y }',
          '',
        ].join('\n'),
      ),
    )
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(agent.name).toBe('__proto__')
    expect(agent.model.provider).toBe('constructor')
    expect(agent.tools[0]?.server?.env).toEqual(['__proto__', 'Authorization'])
    expect(JSON.stringify(agent)).not.toMatch(/"y"|"x"/)
  })

  it('reports unreadable YAML with file and line, without throwing', () => {
    const result = format.parse(
      textFile(
        'broken.yaml',
        'component_type: Agent\nname: x\ntools:\n  - name: [unclosed\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'broken.yaml',
      level: 'error',
    })
    expect(result.problems[0]?.message).toMatch(/^invalid YAML/)
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(4)
  })

  it('reports a self-referencing alias instead of following it forever', () => {
    const result = format.parse(
      textFile(
        'agent.yaml',
        'component_type: Agent\nagentspec_version: 25.4.1\nloop: &s [*s]\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({
      file: 'agent.yaml',
      line: 3,
      level: 'error',
    })
    expect(result.problems[0]?.message).toMatch(/alias \*s/)
  })

  it('reads the agents of a component library and refuses one without', () => {
    const library = {
      $referenced_components: {
        llm: {
          component_type: 'OpenAiCompatibleConfig',
          id: 'llm',
          name: 'llm-dev',
          url: 'http://dev.llm.url',
          model_id: 'llm-model_1',
          agentspec_version: '25.4.1',
        },
        helper: {
          component_type: 'Agent',
          id: 'helper',
          name: 'helper',
          system_prompt: 'Help.',
          llm_config: { $component_ref: 'llm' },
          tools: [{ $component_ref: 'weather' }],
        },
      },
    }
    const result = format.parse(
      textFile('lib.json', JSON.stringify(library, null, 2)),
    )
    expect(result.agents).toMatchObject([
      {
        name: 'helper',
        source: { line: 11 },
        model: { name: 'llm-model_1', provider: 'openai-compatible' },
        notes: [
          'component weather is referenced but defined in another file; what it does is not known here',
        ],
      },
    ])
    const tools = {
      $referenced_components: { llm: library.$referenced_components.llm },
    }
    expect(
      format.parse(textFile('tools.json', JSON.stringify(tools))).rejected,
    ).toMatch(/library of referenced components with no agent/)
    expect(
      format.parse(
        textFile(
          'tool.yaml',
          'component_type: ServerTool\nname: t\nagentspec_version: 26.1.0\n',
        ),
      ).rejected,
    ).toMatch(/a ServerTool component on its own/)
  })

  it('rejects YAML or JSON without a component_type', () => {
    const result = format.parse(textFile('x.yaml', 'name: x\nmodel: gpt-4o\n'))
    expect(result.rejected).toMatch(/no top-level component_type/)
    expect(format.parse(textFile('x.yaml', '- a\n- b\n')).rejected).toBeTruthy()
  })

  it('leaves configuration decoys alone', () => {
    expectDecoysIgnored(format)
  })

  it.each([
    [
      'semantic-kernel-agent/microsoft__semantic-kernel__azure_ai_agent_spec.yaml',
    ],
    ['ms-agent-framework/microsoft__agent-framework__GetWeather.yaml'],
    ['ms-agent-framework/microsoft__agent-framework__MicrosoftLearnAgent.yaml'],
    ['gitagent/open-gitagent__gitagent__agent.yaml'],
    ['gitagent/open-gitagent__gitagent__agents_assistant_agent.yaml'],
  ])('does not claim %s', (path) => {
    const file = fixtureFile(`formats/${path}`)
    expect(format.sniff?.(file.text, file.path)).toBe(false)
    expect(format.parse(file).rejected).toBeTruthy()
  })

  it('is not claimed by the other declarative formats', () => {
    for (const name of [MCP_AGENT, SWARM, 'ours-managerworkers.yaml']) {
      const file = fixtureFile(`${DIR}/${name}`)
      for (const other of [semanticKernel, msAgentFramework, gitagent]) {
        expect(other.sniff?.(file.text, file.path), other.id).toBe(false)
        expect(other.parse(file).rejected, other.id).toBeTruthy()
      }
    }
  })
})
