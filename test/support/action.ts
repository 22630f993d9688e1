import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO } from './files.js'

/**
 * Runs the committed bundle dist/index.js the way the runner does: plain
 * node, inputs as INPUT_* variables, the event payload in a file, and the
 * step's files (outputs, summary) in a temporary directory.
 */

export interface ActionRunOptions {
  readonly workspace: string
  readonly inputs?: Readonly<Record<string, string>>
  /** Event name and payload; default a push. */
  readonly event?: { readonly name: string; readonly payload: object }
  /** GITHUB_API_URL: the fake GitHub. */
  readonly apiUrl?: string
  /** More variables of the runner's environment (GIT_*, a HOME of its own). */
  readonly env?: Readonly<Record<string, string>>
}

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice'
  readonly properties: Readonly<Record<string, string>>
  readonly message: string
}

export interface ActionRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Readonly<Record<string, string>>
  readonly summary: string
  readonly annotations: readonly Annotation[]
  readonly ms: number
}

export function pullRequestEvent(
  number: number,
  sha = 'c0ffee'.padEnd(40, '0'),
  /** The base commit; without it the payload names only the branch. */
  baseSha?: string,
) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        head: { sha, ref: 'feature' },
        base: { ref: 'main', ...(baseSha ? { sha: baseSha } : {}) },
      },
      repository: { name: 'agents', owner: { login: 'acme' } },
    },
  }
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'aivss-runner-'))
  const files = {
    output: join(dir, 'output.txt'),
    summary: join(dir, 'summary.md'),
    event: join(dir, 'event.json'),
  }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const event = options.event ?? {
    name: 'push',
    payload: { ref: 'refs/heads/main' },
  }
  writeFileSync(files.event, JSON.stringify(event.payload))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'acme/agents',
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    RUNNER_TEMP: dir,
    ...options.env,
  }
  for (const [name, value] of Object.entries(options.inputs ?? {}))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  const started = Date.now()
  const child = spawn(process.execPath, [join(REPO, 'dist/index.js')], {
    cwd: options.workspace,
    env,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve),
  )
  clearTimeout(timer)
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: parseAnnotations(stdout),
    ms: Date.now() - started,
  }
}

/** name<<delimiter / value / delimiter, as @actions/core writes GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^([^\n<]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n?\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!
  return outputs
}

const unescape = (text: string) =>
  text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')

function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const match of stdout.matchAll(
    /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm,
  )) {
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const [key, ...value] = pair.split('=')
      properties[key!] = unescape(value.join('='))
    }
    annotations.push({
      level: match[1] as Annotation['level'],
      properties,
      message: unescape(match[3]!),
    })
  }
  return annotations
}
