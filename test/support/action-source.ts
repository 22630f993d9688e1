import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { run } from '../../src/action/main.js'
import {
  parseAnnotations,
  parseOutputs,
  type ActionRun,
  type ActionRunOptions,
} from './action.js'

/**
 * Runs the Action from its TypeScript sources in this process, with the
 * runner's environment set for the duration: what `runAction` does with the
 * committed bundle, for behaviour the bundle does not have yet. The step's
 * exit code is `process.exitCode` as @actions/core leaves it.
 */
export async function runActionSource(
  options: ActionRunOptions,
): Promise<ActionRun> {
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
  }
  for (const [name, value] of Object.entries(options.inputs ?? {}))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  const saved = { ...process.env }
  const savedExit = process.exitCode
  const write = process.stdout.write.bind(process.stdout)
  let stdout = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    return true
  }) as typeof process.stdout.write
  for (const name of Object.keys(process.env))
    if (name.startsWith('INPUT_') || name.startsWith('GITHUB_'))
      Reflect.deleteProperty(process.env, name)
  Object.assign(process.env, env)
  process.exitCode = 0
  // @actions/core keeps the summary file of its first use; each run has its own.
  Reflect.set(core.summary, '_filePath', undefined)
  core.summary.emptyBuffer()
  const started = Date.now()
  let code: number | null
  try {
    await run({ ...process.env })
    code = Number(process.exitCode ?? 0)
  } finally {
    process.stdout.write = write
    for (const name of Object.keys(process.env))
      if (!(name in saved)) Reflect.deleteProperty(process.env, name)
    Object.assign(process.env, saved)
    process.exitCode = savedExit
  }
  return {
    code,
    stdout,
    stderr: '',
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: parseAnnotations(stdout),
    ms: Date.now() - started,
  }
}
