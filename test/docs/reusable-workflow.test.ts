import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { REPO } from '../support/files.js'

/**
 * The reusable workflow an organisation requires: it must call the
 * Action with inputs the Action has, use only the inputs it declares,
 * upload SARIF to code scanning and keep the reports as an artifact, with
 * no more permissions than those steps need.
 */
interface Step {
  readonly uses?: string
  readonly id?: string
  readonly if?: string
  readonly with?: Record<string, unknown>
}
interface Workflow {
  readonly on: {
    readonly workflow_call: {
      readonly inputs: Record<string, { type: string }>
      readonly outputs: Record<string, { value: string }>
    }
  }
  readonly permissions: Record<string, string>
  readonly jobs: Record<
    string,
    {
      readonly permissions: Record<string, string>
      readonly steps: readonly Step[]
      readonly outputs: Record<string, string>
    }
  >
}

const text = readFileSync(
  join(REPO, '.github/workflows/aivss-gate.yml'),
  'utf8',
)
const workflow = parse(text) as Workflow
const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const job = Object.values(workflow.jobs)[0]!

describe('the reusable workflow', () => {
  it('is called with workflow_call and grants nothing at the top', () => {
    expect(workflow.on.workflow_call).toBeDefined()
    expect(workflow.permissions).toEqual({})
    expect(Object.keys(job.permissions).sort()).toEqual([
      'actions',
      'contents',
      'pull-requests',
      'security-events',
    ])
    expect(job.permissions.contents).toBe('read')
  })

  it('runs the Action with inputs it has', () => {
    const gate = job.steps.find((s) =>
      s.uses?.startsWith('aivss-gate/aivss-gate@'),
    )
    expect(gate?.id).toBe('gate')
    for (const name of Object.keys(gate?.with ?? {}))
      expect(Object.keys(action.inputs)).toContain(name)
    expect(gate?.with).toMatchObject({
      'sarif-file': 'aivss-gate.sarif',
      'json-file': 'aivss-report.json',
      'cyclonedx-file': 'aivss-bom.cdx.json',
    })
  })

  it('uses only the inputs and step outputs that exist', () => {
    const declared = Object.keys(workflow.on.workflow_call.inputs)
    for (const [, name] of text.matchAll(/\$\{\{[^}]*\binputs\.([\w-]+)/g))
      expect(declared).toContain(name)
    for (const [, name] of text.matchAll(/steps\.gate\.outputs\.([\w-]+)/g))
      expect(Object.keys(action.outputs)).toContain(name)
  })

  it('uploads SARIF to code scanning and keeps the reports as an artifact', () => {
    const upload = job.steps.find((s) =>
      s.uses?.startsWith('github/codeql-action/upload-sarif@'),
    )
    expect(upload?.with?.sarif_file).toBe('aivss-gate.sarif')
    expect(upload?.if).toContain('always()')
    const artifact = job.steps.find((s) =>
      s.uses?.startsWith('actions/upload-artifact@'),
    )
    expect(String(artifact?.with?.path)).toContain('aivss-report.json')
    expect(String(artifact?.with?.path)).toContain('aivss-bom.cdx.json')
  })

  it('does not run on pull_request_target', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call'])
  })
})
