import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import crewai from '../../src/core/formats/crewai/index.js'
import type { ManifestFile } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { FIXTURES, fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/crewai/'
const KYB_AGENTS = `${DIR}crewAIInc__crewAI-examples__kyb_agents.yaml`
const KYB_TASKS = `${DIR}crewAIInc__crewAI-examples__kyb_tasks.yaml`
const KYB_CREW = `${DIR}crewAIInc__crewAI-examples__kyb_crew.py`
const PR_CREW = `${DIR}mohammedfkhan__Multi-Agent-PR-Automator__crew.jsonc`
const PR_AGENT = `${DIR}mohammedfkhan__Multi-Agent-PR-Automator__agents_senior_code_reviewer.jsonc`

const read = (path: string): string =>
  readFileSync(join(FIXTURES, path), 'utf8')

function claimed(path: string, text: string): boolean {
  const claim = crewai.matchPath(path)
  return (
    claim === 'yes' ||
    (claim === 'maybe' && (crewai.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

function byName(agents: readonly AgentProfile[], name: string): AgentProfile {
  const agent = agents.find((a) => a.name === name)
  expect(agent, `agent ${name}`).toBeDefined()
  return agent!
}

function valid(agents: readonly AgentProfile[]): void {
  for (const agent of agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
}

/** The KYB crew in its original layout: config/ beside crew.py. */
function kybOriginal(): ManifestFile {
  return textFile('crews/kyb/src/kyb/config/agents.yaml', read(KYB_AGENTS), {
    'crews/kyb/src/kyb/config/tasks.yaml': read(KYB_TASKS),
    'crews/kyb/src/kyb/crew.py': read(KYB_CREW),
  })
}

describe('crewai: paths and sniffing', () => {
  it('claims the canonical names wherever they sit', () => {
    expect(crewai.matchPath('src/kyb/config/agents.yaml')).toBe('yes')
    expect(crewai.matchPath('config/agents.yml')).toBe('yes')
    expect(crewai.matchPath('a/b/config/tasks.yaml')).toBe('yes')
    expect(crewai.matchPath('crew.jsonc')).toBe('yes')
    expect(crewai.matchPath('pkg/crew.jsonc')).toBe('yes')
    expect(crewai.matchPath('agents/writer.jsonc')).toBe('maybe')
    expect(crewai.matchPath('agents.yaml')).toBe('maybe')
    expect(crewai.matchPath('src/kyb/crew.py')).toBe('no')
    expect(crewai.matchPath('README.md')).toBe('no')
  })

  it('claims every corpus file under its flattened name, except crew.py', () => {
    for (const path of [KYB_AGENTS, KYB_TASKS, PR_CREW, PR_AGENT]) {
      expect(claimed(path, read(path)), path).toBe(true)
    }
    expect(claimed(KYB_CREW, read(KYB_CREW))).toBe(false)
  })

  it.each([
    [
      'docker-compose.yml',
      'services:\n  web:\n    image: nginx\n    role: x\n',
    ],
    [
      'deploy.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n',
    ],
    [
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
    ],
    ['openapi.yaml', 'openapi: 3.0.0\ninfo:\n  title: x\npaths: {}\n'],
    ['package.json', '{ "name": "x", "version": "1.0.0" }'],
    ['tsconfig.json', '{ "compilerOptions": { "strict": true } }'],
    ['locales/en.json', '{ "role": "Role", "goal": "Goal" }'],
    [
      'schema.json',
      '{ "$schema": "http://json-schema.org/draft-07/schema#", "properties": { "role": {} } }',
    ],
  ])('does not claim the decoy %s', (path, text) => {
    expect(claimed(path, text)).toBe(false)
  })
})

describe('crewai: classic layout', () => {
  it('reads the KYB crew with its tasks and crew.py in the original layout', () => {
    const result = crewai.parse(kybOriginal())
    expect(result.problems).toEqual([])
    valid(result.agents)
    expect(result.agents.map((a) => [a.name, a.source.line])).toEqual([
      ['company_researcher', 1],
      ['compliance_screener', 12],
      ['report_writer', 23],
    ])
    const researcher = byName(result.agents, 'company_researcher')
    expect(researcher).toMatchObject({
      format: 'crewai',
      source: { file: 'crews/kyb/src/kyb/config/agents.yaml' },
      description: 'Company Data Researcher',
      tools: [
        {
          name: 'StraleToolkit',
          kind: 'other',
          source: 'code',
          wildcard: true,
        },
      ],
      identity: { credentials: ['STRALE_API_KEY'] },
      delegation: {
        canDelegate: false,
        mode: 'sequential',
        peers: ['compliance_screener', 'report_writer'],
      },
      controls: { humanApproval: false },
      autonomy: { codeExecution: false },
    })
    expect(researcher.instructions).toMatch(/^Role: Company Data Researcher/)
    expect(researcher.instructions).toMatch(/Backstory: You are an expert/)
    expect(researcher.evidence).toMatchObject({ name: 1, instructions: 3 })
    expect(researcher.notes).toContain(
      'tool StraleToolkit is bound in code (crews/kyb/src/kyb/crew.py line 40)',
    )
    expect(researcher.notes.join('\n')).toMatch(
      /bound in code \(crews\/kyb\/src\/kyb\/crew\.py\).*under-report/,
    )
    const writer = byName(result.agents, 'report_writer')
    expect(writer.tools).toEqual([])
    expect(writer.identity.credentials).toEqual([])
    expect(writer.controls.sandbox).toBeUndefined()
    expect(writer.memory.kind).toBeUndefined()
  })

  it('reads the KYB crew under its flattened corpus names too', () => {
    const result = crewai.parse(fixtureFile(KYB_AGENTS))
    expect(result.problems).toEqual([])
    valid(result.agents)
    expect(result.agents).toHaveLength(3)
    expect(byName(result.agents, 'compliance_screener').tools).toMatchObject([
      { name: 'StraleToolkit', source: 'code' },
    ])
    expect(byName(result.agents, 'report_writer').controls.humanApproval).toBe(
      false,
    )
  })

  it('says the manifest under-reports when crew.py and tasks.yaml are missing', () => {
    const result = crewai.parse(
      textFile('src/kyb/config/agents.yaml', read(KYB_AGENTS)),
    )
    valid(result.agents)
    const agent = byName(result.agents, 'company_researcher')
    expect(agent.tools).toEqual([])
    expect(agent.controls.humanApproval).toBeUndefined()
    expect(agent.delegation.mode).toBeUndefined()
    expect(agent.notes).toContain(
      'tools, process and memory are bound in code (crew.py, not found beside agents.yaml); the manifest under-reports',
    )
  })

  it('models a hierarchical crew bound in crew.py with a manager', () => {
    const base = `${DIR}ours-classic/src/support_crew/`
    const result = crewai.parse(fixtureFile(`${base}config/agents.yaml`))
    expect(result.problems).toEqual([])
    valid(result.agents)
    expect(result.agents.map((a) => a.name)).toEqual([
      'triager',
      'responder',
      'SupportCrew_manager',
    ])
    const triager = byName(result.agents, 'triager')
    expect(triager).toMatchObject({
      source: { line: 2 },
      model: { provider: 'openai', name: 'gpt-4o-mini' },
      parent: 'SupportCrew_manager',
      delegation: {
        canDelegate: true,
        mode: 'hierarchical',
        peers: ['responder'],
      },
      autonomy: { maxIterations: 8 },
      memory: { kind: 'persistent', writable: true },
      controls: { humanApproval: false },
    })
    expect(triager.tools.map((t) => [t.name, t.kind, t.source])).toEqual([
      ['TicketLookupTool', 'search', 'code'],
      ['Delegate work to coworker', 'agent-call', 'builtin'],
      ['Ask question to coworker', 'agent-call', 'builtin'],
      ['FileWriterTool', 'file-write', 'code'],
      ['SerperDevTool', 'search', 'code'],
    ])
    expect(triager.tools[0]?.line).toBe(8)
    const responder = byName(result.agents, 'responder')
    expect(responder).toMatchObject({
      controls: { humanApproval: true, guardrails: true, sandbox: true },
      autonomy: { codeExecution: true },
      identity: { credentials: ['GMAIL_TOKEN'] },
    })
    expect(responder.tools.map((t) => [t.name, t.kind])).toEqual([
      ['GmailSendTool', 'email'],
      ['CodeInterpreterTool', 'code-exec'],
    ])
    expect(responder.notes.join('\n')).toMatch(
      /task reply asks for human input .*config\/tasks\.yaml line 7/,
    )
    const manager = byName(result.agents, 'SupportCrew_manager')
    expect(manager).toMatchObject({
      source: { line: 1 },
      model: { name: 'gpt-4o' },
      subAgents: ['triager', 'responder'],
      delegation: { canDelegate: true, mode: 'hierarchical', peers: [] },
      autonomy: { planning: true },
    })
    expect(manager.parent).toBeUndefined()
    expect(manager.tools.map((t) => t.kind)).toEqual([
      'agent-call',
      'agent-call',
    ])
  })

  it('notes tools computed in crew.py that cannot be read', () => {
    const result = crewai.parse(
      textFile(
        'src/x/config/agents.yaml',
        'a:\n  role: R\n  goal: G\n  backstory: B\n',
        {
          'src/x/crew.py': [
            '@CrewBase',
            'class X:',
            '    @agent',
            '    def a(self) -> Agent:',
            '        return Agent(',
            '            config=self.agents_config["a"],',
            '            tools=[load_tool("shell"), *self.extra, helper],',
            '        )',
          ].join('\n'),
        },
      ),
    )
    const agent = result.agents[0]!
    expect(agent.tools).toEqual([])
    expect(agent.delegation.mode).toBe('sequential')
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'tools from self.extra are computed in code and could not be read (src/x/crew.py line 4)',
        'tools from helper are computed in code and could not be read (src/x/crew.py line 4)',
      ]),
    )
    expect(agent.notes.join('\n')).not.toMatch(/tools from shell/)
  })

  it('rejects a tasks.yaml alone, naming agents.yaml', () => {
    const result = crewai.parse(
      textFile('src/kyb/config/tasks.yaml', read(KYB_TASKS)),
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/tasks, not agents.*agents\.yaml/)
    expect(crewai.parse(fixtureFile(KYB_TASKS)).rejected).toMatch(
      /agents\.yaml/,
    )
  })

  it('accepts Bedrock samples of the CrewAI shape, and only those', () => {
    const shaped = crewai.parse(
      textFile(
        'bedrock/config/agents.yaml',
        'travel_agent:\n  role: Travel Agent\n  goal: Book trips\n  backstory: You know every airline.\n  llm: bedrock/anthropic.claude-3-sonnet\n',
      ),
    )
    expect(shaped.agents.map((a) => a.name)).toEqual(['travel_agent'])
    expect(shaped.agents[0]?.model).toEqual({
      provider: 'bedrock',
      name: 'anthropic.claude-3-sonnet',
    })
    const unshaped = crewai.parse(
      textFile(
        'bedrock/config/agents.yaml',
        'travel_agent:\n  role: Travel Agent\n  goal: Book trips\n  instructions: Book.\n',
      ),
    )
    expect(unshaped.agents).toEqual([])
    expect(unshaped.rejected).toMatch(/role, goal and backstory/)
  })

  it('warns about entries that are not agents and keeps the others', () => {
    const result = crewai.parse(
      textFile(
        'config/agents.yaml',
        'writer:\n  role: Writer\n  goal: Write\n  backstory: You write.\nsettings:\n  verbose: true\nhelper:\n  role: Helper\n  goal: Help\naivss:\n  factors: {}\n',
      ),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['writer', 'helper'])
    expect(result.problems).toMatchObject([
      { file: 'config/agents.yaml', line: 5, level: 'warning' },
      {
        file: 'config/agents.yaml',
        line: 7,
        field: 'helper.backstory',
        level: 'warning',
      },
    ])
  })

  it('reports malformed YAML with its file and line', () => {
    const result = crewai.parse(
      textFile(
        'config/agents.yaml',
        'writer:\n  role: Writer\n  goal: [unclosed\n  backstory: x\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'config/agents.yaml',
      level: 'error',
    })
    expect(result.problems[0]?.message).toMatch(/^invalid YAML/)
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(3)
  })

  it('treats hostile names as plain data', () => {
    const result = crewai.parse(
      textFile(
        'config/agents.yaml',
        '__proto__:\n  role: R\n  goal: G\n  backstory: B\n  tools: [constructor, toString, "custom:__proto__"]\n',
      ),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['__proto__'])
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(agent.tools.map((t) => [t.name, t.kind, t.source])).toEqual([
      ['constructor', 'other', 'code'],
      ['toString', 'other', 'code'],
      ['__proto__', 'other', 'code'],
    ])
    expect(({} as Record<string, unknown>).role).toBeUndefined()
  })

  it('treats placeholders in llm as unknown, not absent', () => {
    const result = crewai.parse(
      textFile(
        'config/agents.yaml',
        'a:\n  role: R\n  goal: G\n  backstory: B\n  llm: "{model}"\n',
      ),
    )
    expect(result.agents[0]?.model).toEqual({
      name: '{model}',
      unresolved: true,
    })
    expect(result.agents[0]?.notes).toContain(
      'the llm is a placeholder resolved at run time',
    )
  })
})

describe('crewai: JSON-first layout', () => {
  it('reads the corpus agent file with its settings', () => {
    const result = crewai.parse(fixtureFile(PR_AGENT))
    expect(result.problems).toEqual([])
    valid(result.agents)
    expect(result.agents).toHaveLength(1)
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'mohammedfkhan__Multi-Agent-PR-Automator__agents_senior_code_reviewer',
      source: { line: 5 },
      description: 'Senior Code Reviewer',
      model: { provider: 'gemini', name: 'gemini-2.5-flash' },
      tools: [],
      delegation: { canDelegate: false },
      autonomy: { codeExecution: false },
      evidence: { model: 21, tools: 29, delegation: 61 },
    })
    expect(agent.controls.humanApproval).toBeUndefined()
    expect(agent.notes).toContain(
      'no crew.jsonc found: its tasks and process are unknown',
    )
  })

  it('reads the corpus agent file with its crew in the original layout', () => {
    const result = crewai.parse(
      textFile('agents/senior_code_reviewer.jsonc', read(PR_AGENT), {
        'crew.jsonc': read(PR_CREW),
      }),
    )
    valid(result.agents)
    expect(result.agents[0]).toMatchObject({
      name: 'senior_code_reviewer',
      delegation: {
        canDelegate: false,
        mode: 'sequential',
        peers: ['technical_writer'],
      },
      memory: { kind: 'none' },
      controls: { humanApproval: false },
    })
  })

  it('yields stubs for crew members whose agent file is missing', () => {
    const result = crewai.parse(fixtureFile(PR_CREW))
    expect(result.problems).toEqual([])
    valid(result.agents)
    expect(result.agents.map((a) => [a.name, a.source.line])).toEqual([
      ['senior_code_reviewer', 6],
      ['technical_writer', 6],
    ])
    const writer = byName(result.agents, 'technical_writer')
    expect(writer.tools).toEqual([
      {
        name: 'output_file PR_SUMMARY.md',
        kind: 'file-write',
        source: 'builtin',
      },
    ])
    expect(writer.notes).toContain(
      'agents/technical_writer.jsonc was not found: its role, model and tools are unknown',
    )
  })

  it('leaves the agents of the crew to their own files', () => {
    const result = crewai.parse(
      textFile('crew.jsonc', read(PR_CREW), {
        'agents/senior_code_reviewer.jsonc': read(PR_AGENT),
        'agents/technical_writer.jsonc': read(PR_AGENT),
      }),
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/agents\/<name>\.jsonc/)
  })

  it('models a hierarchical crew: manager, parents, tasks and crew settings', () => {
    const base = `${DIR}ours-hierarchical/`
    const crew = crewai.parse(fixtureFile(`${base}crew.jsonc`))
    valid(crew.agents)
    expect(crew.agents.map((a) => [a.name, a.source.line])).toEqual([
      ['auditor', 5],
      ['billing_crew_manager', 31],
    ])
    expect(crew.problems).toMatchObject([
      { line: 24, level: 'warning', message: expect.stringMatching(/"ghost"/) },
    ])
    expect(byName(crew.agents, 'billing_crew_manager')).toMatchObject({
      model: { provider: 'openai', name: 'gpt-4o' },
      subAgents: ['researcher', 'coder', 'auditor'],
      delegation: { canDelegate: true, mode: 'hierarchical' },
      autonomy: { planning: true },
      memory: { kind: 'persistent' },
      controls: { logging: true, rateLimits: true },
    })
    expect(byName(crew.agents, 'auditor').parent).toBe('billing_crew_manager')

    const researcher = crewai.parse(
      fixtureFile(`${base}agents/researcher.jsonc`),
    )
    valid(researcher.agents)
    expect(researcher.agents[0]).toMatchObject({
      name: 'researcher',
      parent: 'billing_crew_manager',
      model: {
        provider: 'anthropic',
        name: 'claude-sonnet-4-5',
        temperature: 0.2,
      },
      delegation: {
        canDelegate: true,
        mode: 'hierarchical',
        peers: ['coder', 'auditor'],
      },
      autonomy: { planning: true, maxIterations: 5 },
      memory: { kind: 'persistent' },
      controls: { humanApproval: false, logging: true, rateLimits: true },
    })
    expect(
      researcher.agents[0]!.tools.map((t) => [t.name, t.kind, t.source]),
    ).toEqual([
      ['SerperDevTool', 'search', 'builtin'],
      ['send_invoice', 'payments', 'code'],
      ['Delegate work to coworker', 'agent-call', 'builtin'],
      ['Ask question to coworker', 'agent-call', 'builtin'],
      ['ScrapeWebsiteTool', 'network', 'builtin'],
    ])

    const coder = crewai.parse(fixtureFile(`${base}agents/coder.jsonc`))
    valid(coder.agents)
    const agent = coder.agents[0]!
    expect(agent).toMatchObject({
      model: { name: '${CODER_MODEL}', unresolved: true },
      autonomy: { codeExecution: true },
      controls: {
        sandbox: false,
        guardrails: true,
        humanApproval: true,
        rateLimits: true,
      },
    })
    expect(agent.tools.map((t) => [t.name, t.kind])).toEqual([
      ['CodeInterpreterTool', 'code-exec'],
      ['output_file fix.patch', 'file-write'],
    ])
    expect(agent.evidence['controls.sandbox']).toBe(8)
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'allow_code_execution with code_execution_mode unsafe: generated code runs directly on the host',
        expect.stringMatching(
          /task patch asks for human input .*ours-hierarchical\/crew\.jsonc line 14/,
        ),
        expect.stringMatching(/task patch runs asynchronously/),
      ]),
    )
  })

  it('reports malformed JSONC with its line and rejects other JSON', () => {
    const broken = crewai.parse(
      textFile('crew.jsonc', '{\n  "agents": ["a"],\n  "tasks": [,\n}\n'),
    )
    expect(broken.agents).toEqual([])
    expect(broken.problems[0]).toMatchObject({ file: 'crew.jsonc', line: 3 })
    expect(
      crewai.parse(textFile('agents/x.jsonc', '{ "role": "only a role" }'))
        .rejected,
    ).toMatch(/neither a CrewAI crew/)
  })
})

describe('crewai: what crew.py says, read as text', () => {
  const agents =
    'researcher:\n  role: Researcher\n  goal: Find facts\n  backstory: Curious\n'
  const crew = (body: string): ManifestFile =>
    textFile('src/demo/config/agents.yaml', agents, {
      'src/demo/crew.py': `from crewai import Agent, Crew\nfrom crewai.project import CrewBase, agent\n\n@CrewBase\nclass Demo:\n    @agent\n    def researcher(self) -> Agent:\n        return Agent(\n            config=self.agents_config['researcher'],\n${body}        )\n`,
    })

  it('reads llm=Ollama("llama3.1") as the model, not the CrewAI default', () => {
    const [agent] = crewai.parse(
      crew('            llm=Ollama(model="llama3.1"),\n'),
    ).agents
    expect(agent?.model.name).toBe('llama3.1')
    expect(agent?.notes.join('\n')).not.toMatch(/CrewAI default/)
    expect(agent?.notes.join('\n')).toMatch(/llm set in code \(Ollama\)/)
  })

  it('reads llm="openai/gpt-4o" with its provider', () => {
    const [agent] = crewai.parse(
      crew('            llm="openai/gpt-4o",\n'),
    ).agents
    expect(agent?.model).toMatchObject({ provider: 'openai', name: 'gpt-4o' })
  })

  it('ignores a commented-out tool and a commented-out llm', () => {
    const [agent] = crewai.parse(
      crew(
        '            tools=[SerperDevTool()],  # WebsiteSearchTool()\n            # llm=Ollama("llama3.1"),\n            # tools=[ScrapeWebsiteTool()],\n',
      ),
    ).agents
    expect(agent?.tools.map((t) => t.name)).toEqual(['SerperDevTool'])
    expect(agent?.model.name).toBeUndefined()
  })

  it('keeps a # inside a string', () => {
    const [agent] = crewai.parse(
      crew('            llm="local/model#2",\n'),
    ).agents
    expect(agent?.model.name).toBe('model#2')
  })
})
