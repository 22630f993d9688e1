import fc from 'fast-check'
import { BASE_METRICS } from '../../src/core/aivss/cvss.js'
import { AIVSS_VERSIONS, FACTOR_IDS } from '../../src/core/aivss/factors.js'
import {
  MITIGATION_LEVELS,
  THREAT_LEVELS,
} from '../../src/core/aivss/multipliers.js'
import {
  FACTOR_SCALES,
  type ScoringSettings,
} from '../../src/core/aivss/settings.js'
import { newProfile } from '../../src/core/profile/build.js'
import {
  CONTROLS,
  DELEGATION_MODES,
  IDENTITY_KINDS,
  MEMORY_KINDS,
  REACH_LEVELS,
  TOOL_KINDS,
  TRIGGERS,
  type AgentProfile,
  type DeclaredAivss,
  type Tool,
} from '../../src/core/profile/schema.js'

/**
 * Random but valid agent profiles, built the way formats build them: from
 * newProfile(), then tools of every kind, memory, sub-agents, controls,
 * exposure and prose that fires (or negates) the text signals.
 */

/** Values in [0, 1] with two decimals, as factors and multipliers are written. */
export const hundredths = fc.integer({ min: 0, max: 100 }).map((n) => n / 100)

/** A valid CVSS v4.0 vector, sometimes with a threat metric the baseline ignores. */
export const cvssVector: fc.Arbitrary<string> = fc
  .tuple(
    fc.tuple(...BASE_METRICS.map(([, values]) => fc.constantFrom(...values))),
    fc.constantFrom('', '/E:A', '/E:U', '/CR:H'),
  )
  .map(
    ([values, extra]) =>
      `CVSS:4.0/${BASE_METRICS.map(([id], i) => `${id}:${values[i] ?? ''}`).join('/')}${extra}`,
  )

const PHRASES = [
  'Orchestrates worker agents and delegates tasks to sub-agents.',
  'Runs shell commands and executes python code.',
  'Acts on behalf of the user with delegated access.',
  'Remembers past conversations in long-term memory.',
  'Reads emails, tickets and documents from the web.',
  'Guardrails and content moderation are applied.',
  'Requires human approval before payments.',
  'Audit logs and tracing for every action.',
  'Self-improving: rewrites its own prompts.',
  'Deterministic, rule-based, structured inputs only.',
  'Works autonomously without human intervention.',
  'Does not use memory.',
  'It never runs code.',
  'Answers questions.',
  'Closed-source black-box model.',
  'Plans multi-step workflows and re-plans.',
  'Multi-tenant, assumes roles at run time.',
  'Omnichannel: SMS, voice and WhatsApp.',
  'Security operations agent for incident response.',
]

const prose = fc
  .array(fc.oneof(fc.constantFrom(...PHRASES), fc.string({ maxLength: 20 })), {
    maxLength: 4,
  })
  .map((parts) => parts.join(' '))

const TOOL_NAMES = [
  'bash',
  'run_sql',
  'send_email',
  'stripe_charge',
  'read_file',
  'write_file',
  'web_search',
  'fetch',
  'browser',
  'kubectl',
  'execute_code',
  'delegate',
  'mcp__github__*',
  '*',
  'lookup',
]

const tool: fc.Arbitrary<Tool> = fc.record(
  {
    name: fc.oneof(
      fc.constantFrom(...TOOL_NAMES),
      fc.string({ maxLength: 10 }),
    ),
    kind: fc.constantFrom(...TOOL_KINDS),
    description: prose,
    line: fc.integer({ min: 1, max: 500 }),
    requiresApproval: fc.boolean(),
    readOnly: fc.boolean(),
    wildcard: fc.boolean(),
    source: fc.constantFrom(
      'builtin',
      'mcp',
      'openapi',
      'code',
      'a2a',
      'plugin',
      'declared',
    ),
    server: fc.record(
      {
        transport: fc.constantFrom('stdio', 'http', 'sse', 'unknown'),
        command: fc.constantFrom('npx', 'uvx', 'docker', 'node', 'python'),
        args: fc.array(
          fc.constantFrom('-y', '@scope/server@1.2.3', 'server', 'run', '--rm'),
          { maxLength: 3 },
        ),
        url: fc.constantFrom(
          'https://mcp.example.com/sse',
          'http://localhost:3000',
        ),
        env: fc.array(fc.constantFrom('GITHUB_TOKEN', 'API_KEY', 'HOME'), {
          maxLength: 2,
        }),
        pinned: fc.boolean(),
      },
      { requiredKeys: ['transport'] },
    ),
  },
  { requiredKeys: ['name', 'kind'] },
)

const declaredAivss: fc.Arbitrary<DeclaredAivss> = fc
  .record(
    {
      factors: fc.record(
        Object.fromEntries(FACTOR_IDS.map((id) => [id, hundredths])),
        { requiredKeys: [] },
      ),
      vulnerabilities: fc.array(
        fc.record({
          title: fc.constantFrom('injection', 'leak'),
          vector: cvssVector,
        }),
        { maxLength: 2 },
      ),
      threatMultiplier: fc.oneof(hundredths, fc.constantFrom(...THREAT_LEVELS)),
      mitigation: fc.constantFrom(...MITIGATION_LEVELS),
      baseline: fc.oneof(fc.constant('none'), cvssVector),
    },
    { requiredKeys: ['factors', 'vulnerabilities'] },
  )
  .map((declared) => ({
    ...declared,
    factorSources: {},
    ...(declared.mitigation === 'strong' || declared.mitigation === 'partial'
      ? { mitigationReason: 'validated by a red-team exercise' }
      : {}),
    from: ['agent.aivss.yml'],
  }))

const NAMES = ['planner', 'coder', 'reviewer', 'researcher', 'router']

/** A valid AgentProfile with random capabilities, controls and declarations. */
export const agentProfile: fc.Arbitrary<AgentProfile> = fc
  .record(
    {
      name: fc.oneof(
        fc.constantFrom(...NAMES),
        fc.string({ minLength: 1, maxLength: 8 }),
      ),
      file: fc.constantFrom(
        'agents/a.aivss.yml',
        'crews/x/config/agents.yaml',
        '.claude/agents/b.md',
        'apps/c/.mcp.json',
      ),
      line: fc.integer({ min: 1, max: 400 }),
      format: fc.constantFrom(
        'aivss-descriptor',
        'crewai',
        'claude-code-subagent',
        'mcp-client-config',
      ),
      description: prose,
      instructions: prose,
      model: fc.record(
        {
          name: fc.constantFrom(
            'gpt-4o',
            'claude-sonnet-4',
            'latest',
            'ollama/llama3',
            '${MODEL}',
          ),
          provider: fc.constantFrom('openai', 'anthropic', 'ollama'),
          temperature: fc.integer({ min: 0, max: 20 }).map((n) => n / 10),
          seed: fc.nat(100),
          unresolved: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      skills: fc.array(
        fc.record(
          {
            name: fc.constantFrom('triage', 'deploy', 'summarise'),
            description: prose,
          },
          { requiredKeys: ['name'] },
        ),
        { maxLength: 2 },
      ),
      tools: fc.array(tool, { maxLength: 6 }),
      allTools: fc.boolean(),
      memory: fc.record(
        {
          kind: fc.constantFrom(...MEMORY_KINDS),
          stores: fc.array(fc.constantFrom('pinecone', 'redis', 'sqlite'), {
            maxLength: 2,
          }),
          writable: fc.boolean(),
        },
        { requiredKeys: ['stores'] },
      ),
      subAgents: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 4 }),
      parent: fc.constantFrom(...NAMES),
      delegation: fc.record(
        {
          canDelegate: fc.boolean(),
          mode: fc.constantFrom(...DELEGATION_MODES),
          peers: fc.array(fc.constantFrom('remote-a2a', 'billing-agent'), {
            maxLength: 2,
          }),
          dynamic: fc.boolean(),
        },
        { requiredKeys: ['peers'] },
      ),
      identity: fc.record(
        {
          kind: fc.constantFrom(...IDENTITY_KINDS),
          authSchemes: fc.array(
            fc.constantFrom('oauth2', 'apiKey', 'none', 'mtls', 'anonymous'),
            { maxLength: 2 },
          ),
          credentials: fc.array(
            fc.constantFrom('GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY'),
            { maxLength: 2 },
          ),
        },
        { requiredKeys: ['authSchemes', 'credentials'] },
      ),
      controls: fc.record(
        Object.fromEntries(CONTROLS.map((c) => [c, fc.boolean()])),
        { requiredKeys: [] },
      ),
      exposure: fc.record(
        {
          reach: fc.constantFrom(...REACH_LEVELS),
          channels: fc.array(fc.constantFrom('slack', 'email', 'web', 'sms'), {
            maxLength: 2,
          }),
          endpoint: fc.constantFrom(
            'https://agent.example.com/a2a',
            'http://10.0.0.5/agent',
          ),
          untrustedInput: fc.boolean(),
          inputFiltering: fc.boolean(),
        },
        { requiredKeys: ['channels'] },
      ),
      triggers: fc.subarray([...TRIGGERS]),
      autonomy: fc.record(
        {
          maxIterations: fc.integer({ min: 1, max: 100 }),
          permissionMode: fc.constantFrom(
            'default',
            'bypassPermissions',
            'never',
            'full-auto',
            'plan',
          ),
          planning: fc.boolean(),
          codeExecution: fc.boolean(),
          selfEditing: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      notes: fc.array(
        fc.constantFrom('tools bound in code', 'model is a placeholder'),
        { maxLength: 2 },
      ),
      aivss: declaredAivss,
    },
    {
      requiredKeys: [
        'name',
        'file',
        'line',
        'format',
        'model',
        'skills',
        'tools',
        'memory',
        'subAgents',
        'delegation',
        'identity',
        'controls',
        'exposure',
        'triggers',
        'autonomy',
        'notes',
      ],
    },
  )
  .map(({ name, file, line, format, ...fields }) => ({
    ...newProfile({ name, format, file, line }),
    ...fields,
  }))

/** Scoring settings as a policy or the command line can pin them. */
export const scoringSettings: fc.Arbitrary<ScoringSettings> = fc.record(
  {
    version: fc.constantFrom(...AIVSS_VERSIONS),
    scale: fc.constantFrom(...FACTOR_SCALES),
    threatMultiplier: fc.oneof(hundredths, fc.constantFrom(...THREAT_LEVELS)),
    mitigationFromControls: fc.boolean(),
  },
  { requiredKeys: ['version', 'scale'] },
)
