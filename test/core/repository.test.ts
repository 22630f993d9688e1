import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import { scan } from '../../src/core/scan.js'
import { FIXTURES, tempTree } from '../support/files.js'

/**
 * A repository with manifests of every format in their usual places and in
 * unusual ones, next to the files that look like manifests but are not.
 */
const fixture = (path: string): string =>
  readFileSync(join(FIXTURES, 'formats', path), 'utf8')

const MANIFESTS: Record<string, [format: string, content: string]> = {
  '.well-known/agent-card.json': [
    'a2a-agent-card',
    fixture('a2a-agent-card/a2aproject__A2A__full.json'),
  ],
  'services/cards/code-executor.json': [
    'a2a-agent-card',
    fixture('a2a-agent-card/CSOAI-ORG__code-executor-mcp__agent-card.json'),
  ],
  '.mcp.json': [
    'mcp-client-config',
    fixture('mcp-client-config/0K-cool__athena__.mcp.json'),
  ],
  '.vscode/mcp.json': [
    'mcp-client-config',
    fixture('mcp-client-config/0GiS0__home-assistant-mcp__vscode_mcp.json'),
  ],
  'tools/editor-servers.json': [
    'mcp-client-config',
    fixture('mcp-client-config/0xJacky__nginx-ui__cursor_mcp.json'),
  ],
  'mcp/server.json': [
    'mcp-server-manifest',
    fixture(
      'mcp-server-manifest/modelcontextprotocol__registry__with-package.json',
    ),
  ],
  'crews/kyb/src/kyb/config/agents.yaml': [
    'crewai',
    fixture('crewai/crewAIInc__crewAI-examples__kyb_agents.yaml'),
  ],
  'crews/kyb/src/kyb/config/tasks.yaml': [
    '',
    fixture('crewai/crewAIInc__crewAI-examples__kyb_tasks.yaml'),
  ],
  'crews/kyb/src/kyb/crew.py': [
    '',
    fixture('crewai/crewAIInc__crewAI-examples__kyb_crew.py'),
  ],
  'adk/graph/root_agent.yaml': [
    'google-adk',
    fixture(
      'google-adk/google__adk-python__graph_agent_basic__root_agent.yaml',
    ),
  ],
  '.claude/agents/code-reviewer.md': [
    'claude-code-subagent',
    fixture('claude-code-subagent/21st-dev__1code__code-reviewer.md'),
  ],
  '.claude/settings.json': [
    'claude-code-settings',
    fixture(
      'claude-code-settings/Isaqdn03__claude-code-hooks-mastery__.claude_settings.json',
    ),
  ],
  '.github/agents/context7.agent.md': [
    'copilot-agent',
    fixture('copilot-agent/github__awesome-copilot__context7.agent.md'),
  ],
  'm365/appPackage/declarativeAgent.json': [
    'm365-declarative-agent',
    fixture(
      'm365-declarative-agent/merill__groups-agent__declarativeAgent.json',
    ),
  ],
  'specs/swarm.yaml': [
    'open-agent-spec',
    fixture('open-agent-spec/oracle__agent-spec__howto_swarm.yaml'),
  ],
  'cagent/dev-team.yaml': [
    'docker-cagent',
    fixture('docker-cagent/docker__cagent__dev-team.yaml'),
  ],
  'studio/travel_team.json': [
    'autogen',
    fixture('autogen/microsoft__autogen__travel_team.json'),
  ],
  'langgraph.json': [
    'langgraph',
    fixture('langgraph/314yang__deer-flow__langgraph.json'),
  ],
  'letta/outreach.af': [
    'letta-agent-file',
    fixture(
      'letta-agent-file/letta-ai__agent-file__outreach_workflow_agent.af',
    ),
  ],
  'automations/support.json': [
    'n8n-workflow',
    fixture('n8n-workflow/n8n-io__n8n__Workflow_ai_agent.json'),
  ],
  'dify/agent-flow.yml': [
    'dify-dsl',
    fixture('dify-dsl/svcvit__Awesome-Dify-Workflow__AgentFlow.yml'),
  ],
  'flowise/tool-agent.json': [
    'flowise-flow',
    fixture('flowise-flow/FlowiseAI__Flowise__Tool_Agent.json'),
  ],
  'infra/bedrock/agent.tf': [
    'bedrock-agent',
    fixture('bedrock-agent/tosi29__bedrock-agent__agent.tf'),
  ],
  'sk/agent.yaml': [
    'semantic-kernel-agent',
    fixture(
      'semantic-kernel-agent/microsoft__semantic-kernel__azure_ai_agent_spec.yaml',
    ),
  ],
  'maf/learn-agent.yaml': [
    'ms-agent-framework',
    fixture(
      'ms-agent-framework/microsoft__agent-framework__MicrosoftLearnAgent.yaml',
    ),
  ],
  'registry/record.json': [
    'oasf-record',
    fixture('oasf-record/agntcy__dir__record_080.json'),
  ],
  'opencode.json': [
    'opencode-config',
    fixture('opencode-config/0rac1e__opencode-kit__opencode.json'),
  ],
  'agents/helper.aivss.yml': [
    'aivss-descriptor',
    'name: helper\ntools: [web_search]\n',
  ],
}

const DECOYS: Record<string, string> = {
  'k8s/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers: [{ name: web, image: nginx:1.27 }]\n',
  'package.json':
    '{ "name": "shop", "version": "1.0.0", "scripts": { "test": "vitest" }, "dependencies": { "openai": "^4.0.0" } }\n',
  'api/openapi.yaml':
    'openapi: 3.1.0\ninfo: { title: Agents API, version: "1.0" }\npaths:\n  /agents:\n    get: { summary: List agents, responses: { "200": { description: ok } } }\n',
  'tsconfig.json':
    '{ "compilerOptions": { "strict": true, "module": "NodeNext" } }\n',
  '.github/workflows/ci.yml':
    'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - run: npm test\n',
  'docker-compose.yml':
    'services:\n  agent:\n    image: acme/agent:1.2\n    environment: [OPENAI_API_KEY]\n',
  'public/agent.json':
    '{ "name": "agent", "description": "User-agent strings for the crawler", "version": 3, "agents": ["Mozilla/5.0"] }\n',
  'site/content/posts/agents.md':
    '---\ntitle: How we built our agents\ndate: 2026-01-02\ndescription: A post about agents and tools\ntags: [ai]\n---\n# Agents\n',
  'db/server.json':
    '{ "posts": [{ "id": 1, "title": "hello" }], "comments": [] }\n',
  'schemas/agent.schema.json':
    '{ "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Agent", "type": "object", "properties": { "name": { "type": "string" }, "skills": { "type": "array" } } }\n',
  'i18n/en.json':
    '{ "agent": "Agent", "tools": "Tools", "memory": "Memory" }\n',
  '.eslintrc.json':
    '{ "extends": ["eslint:recommended"], "rules": { "no-console": "warn" } }\n',
  'config/settings.yaml': 'logging: { level: info }\nmodel: gpt-4o\n',
  'docs/README.md': '# Our agents\n\nThey use tools and memory.\n',
}

describe('a repository with every format and decoys', () => {
  const root = tempTree({
    ...Object.fromEntries(
      Object.entries(MANIFESTS).map(([p, [, c]]) => [p, c]),
    ),
    ...DECOYS,
  })
  const result = scan({ root, settings: DEFAULT_SCORING })
  const byFile = new Map<string, string[]>()
  for (const a of result.assessments)
    byFile.set(a.profile.source.file, [
      ...(byFile.get(a.profile.source.file) ?? []),
      a.profile.format,
    ])

  it.each(Object.entries(MANIFESTS).filter(([, [format]]) => format !== ''))(
    'finds %s as %s',
    (path, [format]) => {
      const formats = byFile.get(path)
      expect(
        formats,
        `${path}: ${JSON.stringify(result.notManifests.find((n) => n.path === path))}`,
      ).toBeDefined()
      expect(new Set(formats)).toEqual(new Set([format]))
    },
  )

  it('reports no decoy as an agent and raises no error for them', () => {
    for (const decoy of Object.keys(DECOYS)) {
      expect(byFile.get(decoy), decoy).toBeUndefined()
      expect(
        result.problems.filter((p) => p.file === decoy && p.level === 'error'),
        decoy,
      ).toEqual([])
    }
  })

  it('links the CrewAI agents with their tasks and notes the code-bound tools', () => {
    const crew = result.assessments.filter((a) => a.profile.format === 'crewai')
    expect(crew.length).toBe(3)
    expect(
      crew.every((a) => a.profile.notes.some((n) => /crew\.py/.test(n))),
    ).toBe(true)
  })
})
