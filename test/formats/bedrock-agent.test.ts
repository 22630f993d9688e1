import { describe, expect, it } from 'vitest'
import bedrock from '../../src/core/formats/bedrock-agent/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/bedrock-agent'

function agentsOf(result: FormatResult): AgentProfile[] {
  expect(result.rejected).toBeUndefined()
  expect(result.problems).toEqual([])
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result.agents
}

function claimed(path: string, text: string): boolean {
  const candidacy = bedrock.matchPath(path)
  return (
    candidacy === 'yes' ||
    (candidacy === 'maybe' &&
      (bedrock.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

describe('Amazon Bedrock agent', () => {
  it('considers templates and Terraform files, and sniffs for Bedrock agents', () => {
    expect(bedrock.matchPath('infra/agent.tf')).toBe('maybe')
    expect(bedrock.matchPath('template.yaml')).toBe('maybe')
    expect(bedrock.matchPath('cdk.out/Stack.template.json')).toBe('maybe')
    expect(bedrock.matchPath('stack.template')).toBe('maybe')
    expect(bedrock.matchPath('README.md')).toBe('no')
    expect(bedrock.sniff?.('resource "aws_s3_bucket" "b" {}', 'main.tf')).toBe(
      false,
    )
    expect(
      bedrock.sniff?.(
        'Resources:\n  A:\n    Type: AWS::Bedrock::AgentAlias\n',
        'template.yaml',
      ),
    ).toBe(false)
  })

  it('claims the corpus Terraform file under its flattened name', () => {
    const file = fixtureFile(`${DIR}/tosi29__bedrock-agent__agent.tf`)
    expect(claimed('tosi29__bedrock-agent__agent.tf', file.text)).toBe(true)
  })

  it('reads the corpus Terraform agent: no guardrail, no confirmation', () => {
    const [agent, ...rest] = agentsOf(
      bedrock.parse(fixtureFile(`${DIR}/tosi29__bedrock-agent__agent.tf`)),
    )
    expect(rest).toEqual([])
    expect(agent).toMatchObject({
      name: 'aws_bedrockagent_agent.this',
      format: 'bedrock-agent',
      source: { line: 1 },
      model: {
        name: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        provider: 'anthropic',
      },
      controls: {
        guardrails: false,
        humanApproval: false,
        authentication: true,
      },
      memory: { kind: 'session' },
      identity: {
        kind: 'fixed',
        credentials: ['iam-role:aws_iam_role.agents'],
      },
      triggers: ['api'],
      exposure: { reach: 'internal' },
    })
    expect(
      agent?.tools.map((t) => [t.name, t.line, t.requiresApproval, t.source]),
    ).toEqual([
      ['get_available_vacations_days', 24, false, 'code'],
      ['reserve_vacation_time', 34, false, 'code'],
    ])
    expect(agent?.instructions).toBeUndefined()
    expect(agent?.evidence).toMatchObject({
      model: 4,
      instructions: 6,
      identity: 3,
    })
    expect(agent?.notes).toEqual(
      expect.arrayContaining([
        'the agent name is computed at deployment (${local.prefix}-agent); it is named here by aws_bedrockagent_agent.this',
        'the instruction is set through local.prompt; its text is not in this file',
        'no GuardrailConfiguration: no Bedrock guardrail screens its input or output',
        "get_available_vacations_days, reserve_vacation_time run without user confirmation (RequireConfirmation not set; Bedrock's default is DISABLED)",
      ]),
    )
  })

  it('reads a CloudFormation supervisor and links its collaborator through the alias', () => {
    const path = `${DIR}/ours-supervisor.yaml`
    const file = fixtureFile(path)
    expect(claimed(path, file.text)).toBe(true)
    const result = bedrock.parse(file)
    expect(result.document).toBeDefined()
    const [supervisor, booking] = agentsOf(result)
    expect(supervisor).toMatchObject({
      name: 'travel-supervisor',
      source: { line: 7 },
      description: 'Plans trips and hands bookings to the booking agent',
      instructions: 'Route booking requests to the booking agent.',
      model: { provider: 'anthropic', temperature: 0.2 },
      controls: { guardrails: true },
      memory: {
        kind: 'persistent',
        stores: ['SESSION_SUMMARY for 30 days'],
        writable: true,
      },
      delegation: { canDelegate: true, mode: 'hierarchical' },
      autonomy: { planning: true },
      subAgents: ['BookingAgent'],
      identity: { credentials: ['iam-role:AgentRole'] },
      tools: [
        {
          name: 'knowledge base KB12345678',
          kind: 'search',
          readOnly: true,
          line: 38,
        },
      ],
    })
    expect(supervisor?.evidence).toMatchObject({
      'controls.guardrails': 22,
      memory: 25,
      delegation: 15,
      subAgents: 17,
    })
    expect(supervisor?.notes.join('\n')).toMatch(/AMAZON\.UserInput/)
    expect(supervisor?.notes.join('\n')).toMatch(
      /conversation history is relayed to collaborator booking/,
    )
    expect(booking).toMatchObject({
      name: 'BookingAgent',
      parent: 'travel-supervisor',
      source: { line: 40 },
      model: { unresolved: true },
      controls: { guardrails: false, humanApproval: true },
      memory: { kind: 'session' },
      autonomy: { codeExecution: true },
      identity: { credentials: ['iam-role:BookingAgentRole'] },
    })
    expect(booking?.model.name).toBeUndefined()
    expect(booking?.instructions).toBe(
      'Book hotels and flights in ${AWS::Region}.\n',
    )
    expect(
      booking?.tools.map((t) => [t.name, t.kind, t.requiresApproval, t.line]),
    ).toEqual([
      ['book_hotel', 'other', true, 55],
      ['cancel_booking', 'other', true, 58],
      ['CodeInterpreter', 'code-exec', undefined, 61],
    ])
    expect(booking?.notes).toEqual(
      expect.arrayContaining([
        'the agent name is computed at deployment (!Sub ${AWS::StackName}-booking); it is named here by BookingAgent',
        'the foundation model is set through !Ref ModelId',
        'no long-term memory: state lasts one session (idle timeout 900 s)',
      ]),
    )
  })

  it('reads a JSON template without guardrail or confirmation', () => {
    const path = `${DIR}/ours-unguarded.template.json`
    const file = fixtureFile(path)
    expect(claimed(path, file.text)).toBe(true)
    const [agent] = agentsOf(bedrock.parse(file))
    expect(agent).toMatchObject({
      name: 'OpsAgent',
      source: { line: 5 },
      controls: { guardrails: false },
      delegation: { canDelegate: false },
      identity: { credentials: ['iam-role:OpsRole'] },
    })
    expect(agent?.controls.humanApproval).toBeUndefined()
    expect(
      agent?.tools.map((t) => [
        t.name,
        t.kind,
        t.requiresApproval,
        t.readOnly ?? null,
      ]),
    ).toEqual([
      ['restart_service', 'other', false, null],
      ['run_command', 'shell', false, null],
      ['listTickets', 'other', false, true],
      ['createTicket', 'other', true, null],
      ['Billing', 'payments', undefined, null],
    ])
    expect(agent?.tools.find((t) => t.name === 'drop_database')).toBeUndefined()
    expect(agent?.notes).toEqual(
      expect.arrayContaining([
        'action group Ops returns control to the calling application, which runs its functions',
        'action group Billing: its API schema is stored in S3, so its operations are not read',
        'action group Legacy is DISABLED',
        "run_command run without user confirmation (RequireConfirmation not set; Bedrock's default is DISABLED)",
      ]),
    )
  })

  it('reads Terraform collaborators, guardrail and memory blocks, heredocs and comments', () => {
    const path = `${DIR}/ours-collaborators.tf`
    const [supervisor, payroll] = agentsOf(bedrock.parse(fixtureFile(path)))
    expect(supervisor).toMatchObject({
      name: 'hr-supervisor',
      source: { line: 6 },
      description: 'Routes HR questions',
      instructions:
        'Route each HR question to the right collaborator.\nNever answer payroll questions yourself.',
      controls: { guardrails: true },
      memory: { kind: 'persistent', stores: ['SESSION_SUMMARY for 7 days'] },
      delegation: { canDelegate: true, mode: 'router' },
      subAgents: ['payroll'],
      tools: [{ name: 'knowledge base KBPOLICY01', kind: 'search', line: 81 }],
    })
    expect(supervisor?.autonomy.planning).toBeUndefined()
    expect(supervisor?.evidence).toMatchObject({
      'controls.guardrails': 17,
      memory: 22,
      subAgents: 42,
    })
    expect(payroll).toMatchObject({
      name: 'payroll',
      parent: 'hr-supervisor',
      source: { line: 28 },
      instructions: 'Answer payroll questions. Use the tools; "never" guess.',
      model: { unresolved: true },
      controls: { guardrails: false },
      identity: { credentials: ['iam-role:PayrollRole'] },
    })
    expect(payroll?.controls.humanApproval).toBeUndefined()
    expect(
      payroll?.tools.map((t) => [t.name, t.requiresApproval, t.line]),
    ).toEqual([
      ['get_salary', false, 62],
      ['update_salary', true, 67],
    ])
  })

  it('rejects templates and Terraform files without a Bedrock agent', () => {
    expect(
      bedrock.parse(
        textFile(
          'template.yaml',
          'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n',
        ),
      ).rejected,
    ).toMatch(/without an AWS::Bedrock::Agent/)
    expect(
      bedrock.parse(
        textFile(
          'k8s/deploy.yaml',
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n',
        ),
      ).rejected,
    ).toMatch(/no Resources mapping/)
    expect(
      bedrock.parse(
        textFile(
          'groups.tf',
          'resource "aws_bedrockagent_agent_action_group" "g" {\n  agent_id = var.agent_id\n}\n',
        ),
      ).rejected,
    ).toMatch(/without an aws_bedrockagent_agent resource/)
    for (const [path, text] of [
      ['docker-compose.yml', 'services:\n  web:\n    image: nginx\n'],
      [
        '.github/workflows/ci.yml',
        'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
      ],
      ['package.json', '{ "name": "x" }'],
    ] as const) {
      expect(claimed(path, text)).toBe(false)
    }
  })

  it('reports unbalanced HCL with its line, without throwing', () => {
    const result = bedrock.parse(
      textFile(
        'agent.tf',
        'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n  guardrail_configuration {\n    guardrail_identifier = "g"\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'agent.tf',
      line: 3,
      level: 'error',
    })
    expect(result.problems[0]?.message).toMatch(
      /guardrail_configuration is not closed/,
    )
    const unclosed = bedrock.parse(
      textFile(
        'agent.tf',
        'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a\n}\n',
      ),
    )
    expect(unclosed.problems[0]).toMatchObject({ line: 2 })
    expect(unclosed.problems[0]?.message).toMatch(/unclosed string/)
  })

  it('refuses hostile nesting with a problem instead of a crash', () => {
    const deep = `resource "aws_bedrockagent_agent" "a" {\n${'b {\n'.repeat(5000)}`
    const result = bedrock.parse(textFile('deep.tf', deep))
    expect(result.agents).toEqual([])
    expect(result.problems[0]?.message).toMatch(/nested more than 64 levels/)
    const strings = `x = "${'${"'.repeat(5000)}`
    expect(
      bedrock.parse(textFile('deep.tf', strings)).problems[0]?.message,
    ).toMatch(/^unreadable HCL/)
  })

  it('reports malformed YAML with its line', () => {
    const result = bedrock.parse(
      textFile(
        'template.yaml',
        'Resources:\n  A:\n    Type: AWS::Bedrock::Agent\n    Properties: [unclosed\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'template.yaml',
      level: 'error',
    })
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(4)
  })

  it('keeps an agent without properties, with a warning', () => {
    const result = bedrock.parse(
      textFile(
        'template.yaml',
        'Resources:\n  Bare:\n    Type: AWS::Bedrock::Agent\n',
      ),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['Bare'])
    expect(result.problems[0]).toMatchObject({ line: 2, level: 'warning' })
  })

  it('reads a payload schema from a sibling file named with file()', () => {
    const [agent] = agentsOf(
      bedrock.parse(
        textFile(
          'infra/agent.tf',
          [
            'resource "aws_bedrockagent_agent" "a" {',
            '  agent_name = "a"',
            '}',
            'resource "aws_bedrockagent_agent_action_group" "g" {',
            '  action_group_name = "api"',
            '  agent_id = aws_bedrockagent_agent.a.id',
            '  api_schema {',
            '    payload = file("${path.module}/schema.yaml")',
            '  }',
            '}',
          ].join('\n'),
          {
            'infra/schema.yaml':
              'openapi: 3.0.0\npaths:\n  /x:\n    delete:\n      operationId: deleteAccount\n',
          },
        ),
      ),
    )
    expect(agent?.tools).toMatchObject([
      {
        name: 'deleteAccount',
        source: 'openapi',
        requiresApproval: false,
        line: 7,
      },
    ])
  })

  it('looks up a built-in action group signature by its own key only (constructor is not one)', () => {
    const [agent] = agentsOf(
      bedrock.parse(
        textFile(
          'template.yaml',
          [
            'Resources:',
            '  A:',
            '    Type: AWS::Bedrock::Agent',
            '    Properties:',
            '      AgentName: a',
            '      ActionGroups:',
            '        - ActionGroupName: tricky',
            '          ParentActionGroupSignature: constructor',
            '          FunctionSchema:',
            '            Functions:',
            '              - Name: lookup',
            '        - ActionGroupName: other',
            '          ParentActionGroupSignature: toString',
          ].join('\n'),
        ),
      ),
    )
    expect(agent?.tools.map((t) => [t.name, t.kind])).toEqual([
      ['lookup', 'search'],
    ])
    expect(agent?.autonomy.codeExecution).toBeUndefined()
    expect(agent?.notes.every((note) => typeof note === 'string')).toBe(true)
  })
})
