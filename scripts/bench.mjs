// Benchmark: builds a synthetic monorepo and times the CLI on it against a
// baseline measured in the same run (listing every file with `find`, plus
// reading just the manifests' bytes), and the cold start of both bundles.
//
//   npm run bench [-- --files 100000 --manifests 2000 --runs 3 --keep]
//
// Prints figures; it asserts nothing. The goals: ratio ≤ 3, under 5 s and
// under 300 MB on a 2-core machine, cold start under 150 ms.
import { spawn, spawnSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const repo = fileURLToPath(new URL('..', import.meta.url))
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '100000' },
    manifests: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
})
const TOTAL = Number(values.files)
const MANIFESTS = Number(values.manifests)
const RUNS = Number(values.runs)

const fixture = (path) =>
  readFileSync(join(repo, 'test/fixtures/formats', path), 'utf8')

/** One template per supported format: where such a manifest lives, and its text. */
const TEMPLATES = [
  [
    'pkg/.well-known/agent-card.json',
    fixture('a2a-agent-card/a2aproject__A2A__full.json'),
  ],
  ['pkg/.mcp.json', fixture('mcp-client-config/0K-cool__athena__.mcp.json')],
  [
    'pkg/.vscode/mcp.json',
    fixture('mcp-client-config/0GiS0__home-assistant-mcp__vscode_mcp.json'),
  ],
  [
    'pkg/server.json',
    fixture(
      'mcp-server-manifest/modelcontextprotocol__registry__with-package.json',
    ),
  ],
  [
    'pkg/src/crew/config/agents.yaml',
    fixture('crewai/crewAIInc__crewAI-examples__kyb_agents.yaml'),
  ],
  [
    'pkg/src/crew/config/tasks.yaml',
    fixture('crewai/crewAIInc__crewAI-examples__kyb_tasks.yaml'),
  ],
  [
    'pkg/adk/root_agent.yaml',
    fixture(
      'google-adk/google__adk-python__graph_agent_basic__root_agent.yaml',
    ),
  ],
  [
    'pkg/.claude/agents/reviewer.md',
    fixture('claude-code-subagent/21st-dev__1code__code-reviewer.md'),
  ],
  [
    'pkg/.claude/settings.json',
    fixture(
      'claude-code-settings/Isaqdn03__claude-code-hooks-mastery__.claude_settings.json',
    ),
  ],
  [
    'pkg/.github/agents/context7.agent.md',
    fixture('copilot-agent/github__awesome-copilot__context7.agent.md'),
  ],
  [
    'pkg/appPackage/declarativeAgent.json',
    fixture(
      'm365-declarative-agent/merill__groups-agent__declarativeAgent.json',
    ),
  ],
  [
    'pkg/specs/swarm.yaml',
    fixture('open-agent-spec/oracle__agent-spec__howto_swarm.yaml'),
  ],
  [
    'pkg/cagent/dev-team.yaml',
    fixture('docker-cagent/docker__cagent__dev-team.yaml'),
  ],
  [
    'pkg/studio/team.json',
    fixture('autogen/microsoft__autogen__travel_team.json'),
  ],
  [
    'pkg/langgraph.json',
    fixture('langgraph/314yang__deer-flow__langgraph.json'),
  ],
  [
    'pkg/letta/agent.af',
    fixture(
      'letta-agent-file/letta-ai__agent-file__outreach_workflow_agent.af',
    ),
  ],
  [
    'pkg/n8n/workflow.json',
    fixture('n8n-workflow/n8n-io__n8n__Workflow_ai_agent.json'),
  ],
  [
    'pkg/dify/app.yml',
    fixture('dify-dsl/svcvit__Awesome-Dify-Workflow__AgentFlow.yml'),
  ],
  [
    'pkg/flowise/flow.json',
    fixture('flowise-flow/FlowiseAI__Flowise__Tool_Agent.json'),
  ],
  [
    'pkg/infra/agent.tf',
    fixture('bedrock-agent/tosi29__bedrock-agent__agent.tf'),
  ],
  [
    'pkg/sk/agent.yaml',
    fixture(
      'semantic-kernel-agent/microsoft__semantic-kernel__azure_ai_agent_spec.yaml',
    ),
  ],
  [
    'pkg/maf/agent.yaml',
    fixture(
      'ms-agent-framework/microsoft__agent-framework__MicrosoftLearnAgent.yaml',
    ),
  ],
  [
    'pkg/registry/record.json',
    fixture('oasf-record/agntcy__dir__record_080.json'),
  ],
  [
    'pkg/opencode.json',
    fixture('opencode-config/0rac1e__opencode-kit__opencode.json'),
  ],
  [
    'pkg/gitagent/agent.yaml',
    fixture('gitagent/open-gitagent__gitagent__agent.yaml'),
  ],
  ['pkg/AGENTS.md', fixture('agents-md/0-sayed__dark-factory__AGENTS.md')],
  [
    'pkg/agents/helper.aivss.yml',
    'name: helper\ndescription: Answers questions from the docs.\ntools: [web_search]\n',
  ],
  [
    'pkg/.codex/config.toml',
    'model = "gpt-5-codex"\napproval_policy = "on-request"\nsandbox_mode = "workspace-write"\n[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "docs-mcp@1.2.0"]\n',
  ],
  [
    'pkg/.roomodes',
    'customModes:\n  - slug: reviewer\n    name: Reviewer\n    roleDefinition: You review pull requests.\n    groups: [read, command]\n',
  ],
  [
    'pkg/gemini-extension.json',
    '{ "name": "db-tools", "version": "1.0.0", "mcpServers": { "db": { "command": "npx", "args": ["-y", "db-mcp@2.0.0"] } } }\n',
  ],
  [
    'pkg/k8s/agent.yaml',
    'apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata: { name: sre }\nspec:\n  description: Looks after the cluster.\n  declarative:\n    systemMessage: You are an SRE agent.\n    tools:\n      - type: McpServer\n        mcpServer: { name: kubectl-tools, toolNames: [get_pods, restart_deployment] }\n',
  ],
]

/** Files that are not agents: source, config, data, docs, and vendored trees. */
const FILLERS = [
  [
    'src/module{n}.ts',
    'export function handler{n}(input: string): string {\n  return input.trim()\n}\n',
  ],
  ['src/module{n}.py', 'def handler_{n}(value):\n    return value.strip()\n'],
  [
    'config/service{n}.json',
    '{ "name": "service-{n}", "port": 80{n}, "features": { "a": true } }\n',
  ],
  [
    'deploy/service{n}.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: service-{n} }\nspec:\n  replicas: 2\n',
  ],
  [
    'locales/strings{n}.json',
    '{ "hello": "Hello", "agent": "Agent", "tools": "Tools" }\n',
  ],
  ['docs/page{n}.md', '# Page {n}\n\nSome documentation.\n'],
  [
    'node_modules/lib{n}/index.js',
    'module.exports = function lib{n}() { return {n} }\n',
  ],
  [
    'node_modules/lib{n}/package.json',
    '{ "name": "lib-{n}", "version": "1.0.{n}" }\n',
  ],
  [
    'vendor/github.com/x/y{n}/z.go',
    'package z\nfunc F{n}() int { return {n} }\n',
  ],
  ['src/styles{n}.css', '.a{n} { color: red }\n'],
]

function generate(root) {
  const manifestPaths = []
  let files = 0
  const write = (path, text) => {
    const full = join(root, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, text)
    files++
  }
  for (let i = 0; i < MANIFESTS; i++) {
    const [pattern, text] = TEMPLATES[i % TEMPLATES.length]
    const path = pattern.replace(
      'pkg/',
      `packages/p${Math.floor(i / TEMPLATES.length)}/`,
    )
    write(path, text)
    manifestPaths.push(join(root, path))
  }
  for (let i = 0; files < TOTAL; i++) {
    const [pattern, text] = FILLERS[i % FILLERS.length]
    const bucket = `packages/p${i % 400}/`
    write(
      bucket + pattern.replaceAll('{n}', String(i)),
      text.replaceAll('{n}', String(i)),
    )
  }
  return { manifestPaths, files }
}

function timed(fn) {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function baseline(root, listFile) {
  const find = timed(() =>
    spawnSync('find', [root, '-type', 'f'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      maxBuffer: 1 << 30,
    }),
  )
  const read = timed(() =>
    spawnSync('sh', ['-c', `xargs -0 cat < '${listFile}' > /dev/null`], {
      stdio: 'inherit',
    }),
  )
  return { find, read, total: find + read }
}

function scanOnce(root, out) {
  const rss = join(dirname(out), 'rss.txt')
  rmSync(rss, { force: true })
  const args = [
    join(repo, 'dist/cli.js'),
    'scan',
    root,
    '--format',
    'json',
    '--output',
    out,
    '--warn-only',
  ]
  const ms = timed(() =>
    spawnSync(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        AIVSS_BENCH_RSS: rss,
        NODE_OPTIONS: `--import=${pathToFileURL(join(repo, 'scripts/bench-rss.mjs')).href}`,
      },
    }),
  )
  const peaks = readFileSync(rss, 'utf8').trim().split('\n').map(Number)
  return { ms, peakMb: Math.max(...peaks) / 1024 }
}

/** Milliseconds from spawn to the first byte the process writes. */
function firstOutput(args, env = {}) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let first
    const mark = () => {
      first ??= Number(process.hrtime.bigint() - start) / 1e6
    }
    child.stdout.once('data', mark)
    child.stderr.once('data', mark)
    child.stdout.resume()
    child.stderr.resume()
    // The run is waited for, so that runs do not overlap.
    child.on('close', () => {
      mark()
      resolve(first)
    })
  })
}

async function coldStart(bundle, args, env) {
  const runs = []
  for (let i = 0; i < 5; i++)
    runs.push(await firstOutput([join(repo, bundle), ...args], env))
  return median(runs)
}

const work = mkdtempSync(join(tmpdir(), 'aivss-bench-'))
const root = join(work, 'repo')
console.log(
  `Generating ${TOTAL} files with ${MANIFESTS} agent manifests in ${root} …`,
)
const generated = timed(() => {
  const { manifestPaths, files } = generate(root)
  writeFileSync(join(work, 'manifests.list'), manifestPaths.join('\0'))
  console.log(`  ${files} files written`)
})
console.log(`  (${(generated / 1000).toFixed(1)} s)`)

const base = []
const scans = []
for (let run = 0; run < RUNS; run++) {
  base.push(baseline(root, join(work, 'manifests.list')))
  scans.push(scanOnce(root, join(work, 'report.json')))
}
const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8'))
const baseMs = median(base.map((b) => b.total))
const scanMs = median(scans.map((s) => s.ms))
const peak = Math.max(...scans.map((s) => s.peakMb))

const empty = join(work, 'empty')
mkdirSync(empty)
const cliStart = await coldStart('dist/cli.js', ['--version'])
const actionStart = await coldStart('dist/index.js', [], {
  INPUT_PATH: empty,
  GITHUB_WORKSPACE: empty,
  RUNNER_TEMP: work,
})

const row = (label, value, goal) =>
  console.log(`  ${label.padEnd(34)} ${value.padStart(12)}   ${goal}`)
console.log(
  `\nFull scan, default policy, JSON report (median of ${RUNS}; ${cpus().length} CPUs, Node ${process.version}):`,
)
row('wall time', `${(scanMs / 1000).toFixed(2)} s`, 'goal < 5 s')
row('peak memory (max RSS)', `${peak.toFixed(0)} MB`, 'goal < 300 MB')
row(
  'files considered',
  String(report.summary.filesConsidered),
  '(after pruning vendored trees)',
)
row('files parsed', String(report.summary.filesParsed), '')
row('agents reported', String(report.summary.agents), '')
row(
  'baseline: find every file',
  `${median(base.map((b) => b.find)).toFixed(0)} ms`,
  '',
)
row(
  'baseline: read the manifests',
  `${median(base.map((b) => b.read)).toFixed(0)} ms`,
  '',
)
row('ratio scan / baseline', `${(scanMs / baseMs).toFixed(2)}`, 'goal ≤ 3')
row(
  'cold start dist/cli.js',
  `${cliStart.toFixed(0)} ms`,
  'goal < 150 ms (to first output)',
)
row(
  'cold start dist/index.js',
  `${actionStart.toFixed(0)} ms`,
  'goal < 150 ms (to first output)',
)

if (!values.keep) rmSync(work, { recursive: true, force: true })
else console.log(`\nKept ${work}`)
