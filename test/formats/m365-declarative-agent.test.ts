import { describe, expect, it } from 'vitest'
import m365 from '../../src/core/formats/m365-declarative-agent/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/m365-declarative-agent'

function only(result: FormatResult): AgentProfile {
  expect(result.rejected).toBeUndefined()
  expect(result.problems).toEqual([])
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

function corpus(name: string): string {
  return fixtureFile(`${DIR}/${name}`).text
}

describe('Microsoft 365 declarative agent', () => {
  it('claims declarative agents and API plugins by name, other JSON by content', () => {
    expect(m365.matchPath('appPackage/declarativeAgent.json')).toBe('yes')
    expect(m365.matchPath('appPackage/declarativeAgent.dev.json')).toBe('yes')
    expect(m365.matchPath('appPackage/ai-plugin.json')).toBe('yes')
    expect(m365.matchPath('appPackage/manifest.json')).toBe('maybe')
    expect(m365.matchPath('appPackage/instruction.txt')).toBe('no')
  })

  it.each([
    'alexc-MSFT__healthpulse-agent__declarativeAgent.json',
    'alexc-MSFT__healthpulse-agent__ai-plugin.json',
    'merill__groups-agent__declarativeAgent.json',
  ])('claims the corpus file %s under its flattened name', (name) => {
    expect(m365.matchPath(name)).toBe('yes')
    expect(m365.sniff?.(corpus(name), name)).toBe(true)
  })

  it('reads the HealthPulse agent with its plugin and instructions as siblings', () => {
    const agent = only(
      m365.parse(
        textFile(
          'appPackage/declarativeAgent.json',
          corpus('alexc-MSFT__healthpulse-agent__declarativeAgent.json'),
          {
            'appPackage/ai-plugin.json': corpus(
              'alexc-MSFT__healthpulse-agent__ai-plugin.json',
            ),
            'appPackage/instruction.txt': 'Show health data as charts.',
          },
        ),
      ),
    )
    expect(agent).toMatchObject({
      name: 'HealthPulse',
      format: 'm365-declarative-agent',
      source: { file: 'appPackage/declarativeAgent.json', line: 4 },
      instructions: 'Show health data as charts.',
      triggers: ['chat'],
      exposure: { reach: 'internal', channels: ['microsoft-365-copilot'] },
      controls: { authentication: true },
      identity: { kind: 'delegated' },
      autonomy: { codeExecution: true },
    })
    expect(agent.tools.map((t) => [t.name, t.kind, t.source, t.line])).toEqual([
      ['CodeInterpreter', 'code-exec', 'builtin', 34],
      ['get_ambulance_wait_times', 'network', 'mcp', 39],
      ['get_ae_waiting_times', 'network', 'mcp', 39],
      ['get_bed_occupancy', 'network', 'mcp', 39],
      ['get_regional_health_summary', 'network', 'mcp', 39],
    ])
    expect(agent.tools[1]?.server).toEqual({
      transport: 'http',
      url: '${{MCP_SERVER_URL}}',
    })
    expect(agent.tools[1]?.requiresApproval).toBeUndefined()
    expect(agent.controls.humanApproval).toBeUndefined()
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'name "HealthPulse${{APP_NAME_SUFFIX}}" carries build placeholders filled in by the Agents Toolkit',
        'instructions read from appPackage/instruction.txt',
        'plugin healthpulse: RemoteMCPServer runtime is called with auth type None (no authentication)',
        'plugin healthpulse: RemoteMCPServer runtime address ${{MCP_SERVER_URL}} is a placeholder resolved at deployment',
      ]),
    )
  })

  it('rejects the plugin when the agent of its folder references it', () => {
    const result = m365.parse(
      textFile(
        'appPackage/ai-plugin.json',
        corpus('alexc-MSFT__healthpulse-agent__ai-plugin.json'),
        {
          'appPackage/declarativeAgent.json': corpus(
            'alexc-MSFT__healthpulse-agent__declarativeAgent.json',
          ),
        },
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toBe(
      'API plugin of the declarative agent appPackage/declarativeAgent.json; it is read with that agent',
    )
  })

  it('never makes an API plugin an agent, even one that no agent references', () => {
    const result = m365.parse(
      fixtureFile(`${DIR}/alexc-MSFT__healthpulse-agent__ai-plugin.json`),
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(
      /API plugin that no declarative agent of its folder lists: the actions of an agent, not an agent/,
    )
    // A *-apiplugin.json named by its schema alone is no agent either.
    const named = m365.parse(
      textFile(
        'appPackage/repairs-apiplugin.json',
        JSON.stringify({
          $schema:
            'https://developer.microsoft.com/json-schemas/copilot/plugin/v2.2/schema.json',
          schema_version: 'v2.2',
          name_for_human: 'Repairs',
          functions: [{ name: 'listRepairs' }],
          runtimes: [{ type: 'OpenApi', run_for_functions: ['listRepairs'] }],
        }),
      ),
    )
    expect(named.agents).toEqual([])
  })

  it('reads the corpus agents as scanned, with unresolved instructions and actions', () => {
    const agent = only(
      m365.parse(
        fixtureFile(`${DIR}/merill__groups-agent__declarativeAgent.json`),
      ),
    )
    expect(agent).toMatchObject({
      name: 'groups-agent',
      source: { line: 4 },
      tools: [
        {
          name: 'action_1',
          kind: 'network',
          source: 'plugin',
          wildcard: true,
          line: 8,
        },
      ],
    })
    expect(agent.instructions).toBeUndefined()
    expect(agent.evidence.instructions).toBe(6)
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'instructions are kept in instruction.txt, which could not be read: they are unknown',
        'action action_1: its plugin file ai-plugin.json could not be read, so its functions are unknown',
      ]),
    )
  })

  it('reads capabilities, scoping, confirmations, OAuth and worker agents', () => {
    const agent = only(
      m365.parse(fixtureFile(`${DIR}/ours-appPackage/declarativeAgent.json`)),
    )
    expect(agent.name).toBe('Inbox Helper')
    expect(agent.instructions).toMatch(/^You help the user with their inbox/)
    expect(agent.tools.map((t) => [t.name, t.kind, t.readOnly])).toEqual([
      ['WebSearch', 'search', true],
      ['Email', 'email', true],
      ['TeamsMessages', 'email', true],
      ['OneDriveAndSharePoint', 'search', true],
      ['EmailActions', 'email', false],
      ['listTickets', 'network', undefined],
      ['createTicket', 'network', undefined],
    ])
    expect(agent.tools.find((t) => t.name === 'createTicket')).toMatchObject({
      requiresApproval: true,
      source: 'openapi',
      line: 14,
    })
    expect(agent.controls).toEqual({ authentication: true, allowlists: true })
    expect(agent.evidence['controls.allowlists']).toBe(8)
    expect(agent.exposure.untrustedInput).toBe(true)
    expect(agent.identity.credentials).toEqual([
      'OAuthPluginVault:${{TICKETS_OAUTH_ID}}',
    ])
    expect(agent.subAgents).toEqual(['P_helpdesk-triage'])
    expect(agent.delegation.canDelegate).toBe(true)
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'EmailActions: the agent can send mail as the user',
        'OneDriveAndSharePoint is not scoped: it reaches everything the user can read there',
        'WebSearch is limited to the sources in sites',
        'behavior_overrides: answers are limited to its knowledge sources (discourage_model_knowledge)',
      ]),
    )
  })

  it('sets humanApproval when every plugin function asks for confirmation', () => {
    const plugin = JSON.stringify({
      schema_version: 'v2.2',
      namespace: 'p',
      functions: [
        {
          name: 'deleteItem',
          capabilities: { confirmation: { type: 'AdaptiveCard' } },
        },
      ],
      runtimes: [
        {
          type: 'OpenApi',
          auth: { type: 'ApiKeyPluginVault', reference_id: 'k1' },
        },
      ],
    })
    const agent = only(
      m365.parse(
        textFile(
          'pkg/declarativeAgent.json',
          '{ "name": "a", "instructions": "x", "actions": [{ "id": "p", "file": "plugins/p.json" }] }',
          { 'pkg/plugins/p.json': plugin },
        ),
      ),
    )
    expect(agent.controls.humanApproval).toBe(true)
    expect(agent.identity.credentials).toEqual(['ApiKeyPluginVault:k1'])
  })

  it('does not read instruction files outside the scan root', () => {
    const agent = only(
      m365.parse(
        textFile(
          'declarativeAgent.json',
          `{ "name": "a", "instructions": "$[file('../../etc/passwd')]", "capabilities": [] }`,
          { '../../etc/passwd': 'secret' },
        ),
      ),
    )
    expect(agent.instructions).toBeUndefined()
  })

  it('rejects JSON that is neither an agent nor a plugin', () => {
    expect(
      m365.parse(
        textFile('appPackage/declarativeAgent.json', '{ "name": "x" }'),
      ).rejected,
    ).toMatch(/^not a Microsoft 365 declarative agent/)
    expect(
      m365.parse(
        textFile(
          '.well-known/ai-plugin.json',
          '{ "schema_version": "v1", "name_for_model": "todo", "api": { "type": "openapi", "url": "https://x/openapi.yaml" } }',
        ),
      ).rejected,
    ).toMatch(/ChatGPT plugin manifest/)
    for (const [path, text] of [
      ['package.json', '{ "name": "x", "version": "1.0.0" }'],
      ['tsconfig.json', '{ "compilerOptions": {} }'],
      ['.eslintrc.json', '{ "rules": {} }'],
    ] as const) {
      expect(m365.sniff?.(text, path)).toBe(false)
    }
  })

  it('reports a malformed plugin with its own file and line', () => {
    const result = m365.parse(
      textFile(
        'app/declarativeAgent.json',
        '{ "name": "a", "instructions": "x", "actions": [{ "id": "p", "file": "ai-plugin.json" }] }',
        {
          'app/ai-plugin.json': '{\n  "functions": [\n    { "name": }\n  ]\n}',
        },
      ),
    )
    expect(result.agents).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({
      file: 'app/ai-plugin.json',
      line: 3,
      level: 'error',
    })
  })

  it('reports malformed JSON with the file and line, without throwing', () => {
    const result = m365.parse(
      textFile(
        'appPackage/declarativeAgent.json',
        '{\n  "name": "x",\n  "capabilities": [\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'appPackage/declarativeAgent.json',
      level: 'error',
    })
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(3)
  })

  it('reads hostile names as unknown, never as the table entries of Object', () => {
    const plugin = JSON.stringify({
      schema_version: 'v2.2',
      functions: [{ name: 'lookUp' }, 'not a function', { name: 7 }],
      runtimes: [{ type: 'constructor' }, 'not a runtime'],
    })
    const agent = only(
      m365.parse(
        textFile(
          'pkg/declarativeAgent.json',
          JSON.stringify({
            name: 'a',
            instructions: 'x',
            capabilities: [{ name: 'constructor' }, { name: '__proto__' }, 3],
            actions: [{ id: 'p', file: 'p.json' }, 'not an action'],
            worker_agents: ['w1', { name: 'w2' }, { id: 5 }],
          }),
          { 'pkg/p.json': plugin },
        ),
      ),
    )
    const capabilities = agent.tools.filter((t) => t.source === 'builtin')
    expect(capabilities.map((t) => [t.name, t.kind])).toEqual([
      ['constructor', 'other'],
      ['__proto__', 'other'],
    ])
    expect(agent.notes).toContain(
      'capability constructor is not one this reader knows',
    )
    expect(agent.tools.find((t) => t.name === 'lookUp')?.source).toBe('plugin')
    // The action that is not a mapping is still an action, of unknown reach.
    expect(agent.tools.find((t) => t.name === 'action 2')?.wildcard).toBe(true)
    expect(agent.subAgents).toEqual(['w1', 'w2'])
  })
})
