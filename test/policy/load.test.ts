import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPolicy, PRESET_NAMES } from '../../src/core/policy/load.js'
import { PRESETS } from '../../src/core/policy/presets.generated.js'
import { policyJsonSchema } from '../../src/core/report/json-schema.js'
import { REPO } from '../support/files.js'
import { policyError, policyFrom } from '../support/policies.js'

describe('policy presets', () => {
  it('embeds exactly the files in policies/', () => {
    const files = readdirSync(join(REPO, 'policies')).filter((f) =>
      f.endsWith('.yml'),
    )
    expect(PRESET_NAMES).toEqual(
      files.map((f) => f.replace(/\.yml$/, '')).sort(),
    )
    for (const file of files) {
      expect(PRESETS[file.replace(/\.yml$/, '')]).toBe(
        readFileSync(join(REPO, 'policies', file), 'utf8'),
      )
    }
    expect(PRESET_NAMES).toEqual([
      'default',
      'owasp-top10',
      'permissive',
      'strict',
    ])
  })

  it('loads every preset, each documented at its top', () => {
    for (const name of PRESET_NAMES) {
      const policy = loadPolicy(name, REPO)
      expect(policy.rules.length, name).toBeGreaterThan(0)
      expect(PRESETS[name]?.split('\n').slice(0, 4).join('\n')).toMatch(
        new RegExp(`# ${name} — `),
      )
    }
  })

  it('gives the default preset the rules the gate promises', () => {
    const policy = loadPolicy('default', REPO)
    expect(policy.rules.map((r) => [r.id, r.action])).toEqual([
      ['critical-agents', 'fail'],
      ['multi-agent-needs-guardrails', 'fail'],
      ['new-unapproved-tools', 'fail'],
      ['removed-controls', 'fail'],
      ['high-agents', 'warn'],
      ['code-tools-need-approval', 'warn'],
    ])
    expect(policy.scope).toBe('change')
  })

  it("states each preset's scope: strict judges everything", () => {
    expect(loadPolicy('strict', REPO).scope).toBe('all')
    expect(loadPolicy('permissive', REPO).scope).toBe('change')
    expect(loadPolicy('owasp-top10', REPO).scope).toBe('change')
  })

  it('publishes the JSON Schema generated from the zod schema', () => {
    const committed = JSON.parse(
      readFileSync(join(REPO, 'schema/policy.schema.json'), 'utf8'),
    ) as unknown
    expect(committed).toEqual(policyJsonSchema())
  })
})

describe('extends', () => {
  it('inherits rules, overrides them by id and switches them off', () => {
    const policy = policyFrom({
      'policy.yml': [
        'version: 1',
        'extends: base.yml',
        'aivss: { version: "0.5" }',
        'rules:',
        '  - { id: a, when: { score: { gte: 8 } }, action: warn }',
        '  - { id: b, when: { score: { gte: 1 } }, action: off }',
        '  - { id: c, when: { declared: true }, action: fail }',
      ].join('\n'),
      'base.yml': [
        'version: 1',
        'extends: default',
        'aivss: { factor-scale: rubric }',
        'rules:',
        '  - { id: a, when: { score: { gte: 9 } }, action: fail }',
        '  - { id: b, when: { score: { gte: 5 } }, action: fail }',
      ].join('\n'),
    })
    expect(policy.chain).toEqual(['policy.yml', 'base.yml', 'preset:default'])
    expect(policy.rules.map((r) => `${r.id}:${r.action}:${r.source}`)).toEqual([
      'critical-agents:fail:preset:default',
      'multi-agent-needs-guardrails:fail:preset:default',
      'new-unapproved-tools:fail:preset:default',
      'removed-controls:fail:preset:default',
      'high-agents:warn:preset:default',
      'code-tools-need-approval:warn:preset:default',
      'a:warn:policy.yml',
      'c:fail:policy.yml',
    ])
    expect(policy.disabled.map((r) => r.id)).toEqual(['b'])
    expect(policy.aivss).toMatchObject({
      version: '0.5',
      'factor-scale': 'rubric',
      // Inherited from the default preset, which never lets controls count.
      'mitigation-from-controls': false,
    })
  })

  it('rejects cycles and missing files', () => {
    expect(
      policyError('version: 1\nextends: other.yml\n', {
        'other.yml': 'version: 1\nextends: policy.yml\n',
      }),
    ).toMatch(/extends itself: policy\.yml -> other\.yml -> policy\.yml/)
    expect(policyError('version: 1\nextends: nope\n')).toMatch(
      /policy nope not found.*Built-in presets|policy nope not found/,
    )
  })
})

describe('invalid policies name the line and column', () => {
  it.each([
    [
      'an unknown key',
      'version: 1\nrulez: []\n',
      /policy\.yml:2:1: rulez: unknown field "rulez"/,
    ],
    [
      'an unknown factor id',
      'version: 1\nrules:\n  - id: a\n    when:\n      factors: { multiAgentInteraction: { gt: 0.7 } }\n    action: fail\n',
      /policy\.yml:5:18: rules\[0\]\.when\.factors\.multiAgentInteraction: unknown field/,
    ],
    [
      'a score above 10',
      'version: 1\nrules:\n  - id: a\n    when: { score: { gte: 11 } }\n    action: fail\n',
      /policy\.yml:4:\d+: rules\[0\]\.when\.score\.gte: must be at most 10 \(got 11\)/,
    ],
    [
      'a factor above 1',
      'version: 1\nrules:\n  - id: a\n    when: { factors: { selfModification: { gt: 1.5 } } }\n    action: warn\n',
      /must be at most 1 \(got 1\.5\)/,
    ],
    [
      'a malformed date',
      'version: 1\nrules:\n  - { id: a, when: { declared: true }, action: warn }\nexceptions:\n  - { rule: a, paths: ["x/**"], reason: legacy, expires: 2027-02-30 }\n',
      /policy\.yml:5:\d+: exceptions\[0\]\.expires: is not a real calendar date/,
    ],
    [
      'a date in the wrong form',
      'version: 1\nrules:\n  - { id: a, when: { declared: true }, action: warn }\nexceptions:\n  - { rule: a, paths: ["x/**"], reason: legacy, expires: 31/01/2027 }\n',
      /exceptions\[0\]\.expires: must be a date written YYYY-MM-DD/,
    ],
    [
      'an exception without a reason',
      'version: 1\nrules:\n  - { id: a, when: { declared: true }, action: warn }\nexceptions:\n  - { rule: a, paths: ["x/**"] }\n',
      /exceptions\[0\]\.reason: is required/,
    ],
    [
      'an exception without a scope',
      'version: 1\nrules:\n  - { id: a, when: { declared: true }, action: warn }\nexceptions:\n  - { rule: a, reason: because }\n',
      /exceptions\[0\]: needs paths or agents/,
    ],
    [
      'an exception for an unknown rule',
      'version: 1\nextends: default\nexceptions:\n  - { rule: nope, paths: ["x/**"], reason: because }\n',
      /policy\.yml:4:\d+: exceptions\[0\]\.rule: no active rule "nope"/,
    ],
    [
      'an unknown control',
      'version: 1\nrules:\n  - { id: a, when: { missing-controls: [firewall] }, action: fail }\n',
      /rules\[0\]\.when\.missing-controls\[0\]: must be one of "guardrails"/,
    ],
    [
      'an unknown tool kind',
      'version: 1\nrules:\n  - { id: a, when: { tools: [teleport] }, action: fail }\n',
      /rules\[0\]\.when\.tools\[0\]: unknown tool kind/,
    ],
    [
      'an unknown format',
      'version: 1\nrules:\n  - { id: a, when: { formats: [crewaii] }, action: fail }\n',
      /policy\.yml:3:\d+: rules\[0\]\.when\.formats\[0\]: unknown format "crewaii"/,
    ],
    [
      'an empty when',
      'version: 1\nrules:\n  - { id: a, when: {}, action: fail }\n',
      /rules\[0\]\.when: needs at least one condition/,
    ],
    [
      'a bad action',
      'version: 1\nrules:\n  - { id: a, when: { declared: true }, action: block }\n',
      /rules\[0\]\.action: must be one of "fail", "warn", "off"/,
    ],
    [
      'a duplicate rule id',
      'version: 1\nrules:\n  - { id: a, when: { declared: true }, action: fail }\n  - { id: a, when: { declared: false }, action: warn }\n',
      /policy\.yml:4:\d+: rules\[1\]\.id: "a" is used twice/,
    ],
    ['a wrong version', 'version: 2\n', /version: .*1/],
    ['broken YAML', 'version: 1\nrules: [\n', /policy\.yml:\d+: invalid YAML/],
  ])('rejects %s', (_name, text, message) => {
    expect(policyError(text)).toMatch(message)
  })
})
