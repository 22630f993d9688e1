import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import {
  baselineJsonSchema,
  reportJsonSchema,
} from '../../src/core/report/json-schema.js'
import { runGate } from '../../src/core/gate.js'
import { renderJson } from '../../src/core/render/json.js'
import { VERSION } from '../../src/core/version.js'
import { bundledCli } from '../support/cli.js'
import { scenarioRepo, SCENARIOS } from '../support/delta.js'
import { FIXTURES, REPO, tempTree } from '../support/files.js'

const committedSchema = JSON.parse(
  readFileSync(join(REPO, 'schema/report.schema.json'), 'utf8'),
) as Record<string, unknown>

describe('the JSON report schema', () => {
  it('is the one generated from the zod schema', () => {
    expect(committedSchema).toEqual(reportJsonSchema())
  })

  it('validates the report of the examples, produced by the bundled CLI', () => {
    const run = bundledCli([
      'scan',
      'examples',
      '--format',
      'json',
      '--warn-only',
    ])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { agents: unknown[] }
    const validate = new Ajv2020({ strict: false }).compile(committedSchema)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(report.agents.length).toBeGreaterThanOrEqual(4)
  })
})

describe('the prose of the JSON report', () => {
  // ASCII keeps the report's strings one byte a character, which halves
  // their memory and makes writing a large report several times faster;
  // it also reads the same in any log or terminal.
  it('is ASCII for manifests that are', () => {
    const root = join(FIXTURES, 'formats')
    const ascii: Record<string, string> = {}
    for (const entry of readdirSync(root, {
      recursive: true,
      withFileTypes: true,
    })) {
      if (!entry.isFile()) continue
      const full = join(entry.parentPath, entry.name)
      const text = readFileSync(full, 'utf8')
      if (!/[^\t-~]/u.test(text)) ascii[relative(root, full)] = text
    }
    const copy = tempTree(ascii)
    const { report } = runGate({ root: copy, cwd: copy, today: '2026-01-15' })
    expect(report.agents.length).toBeGreaterThan(100)
    const json = renderJson(report)
    expect(json.match(/.{0,40}[^\t-~].{0,40}/gu) ?? []).toEqual([])
  })
})

describe('the delta in the JSON report', () => {
  it('validates against the committed schema, from the bundled CLI with --base', () => {
    const setup = scenarioRepo(SCENARIOS.addAgent)
    const run = bundledCli([
      'scan',
      setup.repo,
      '--base',
      setup.base,
      '--policy',
      setup.policy,
      '--format',
      'json',
    ])
    const report = JSON.parse(run.stdout) as { delta: { summary: string } }
    expect(report.delta.summary).toBe('1 agent added; 3 unchanged')
    const validate = new Ajv2020({ strict: false }).compile(committedSchema)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
  })

  it('publishes the baseline file schema, which a recorded baseline follows', () => {
    const schema = JSON.parse(
      readFileSync(join(REPO, 'schema/baseline.schema.json'), 'utf8'),
    ) as Record<string, unknown>
    expect(schema).toEqual(baselineJsonSchema())
    const setup = scenarioRepo(SCENARIOS.nothing)
    const validate = new Ajv2020({ strict: false }).compile(schema)
    const file = JSON.parse(readFileSync(setup.baselineFile, 'utf8'))
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true)
  })
})

describe('the package', () => {
  it('reports the version of package.json', () => {
    const pkg = JSON.parse(
      readFileSync(join(REPO, 'package.json'), 'utf8'),
    ) as { version: string }
    expect(VERSION).toBe(pkg.version)
    expect(bundledCli(['--version']).stdout.trim()).toBe(pkg.version)
  })
})
