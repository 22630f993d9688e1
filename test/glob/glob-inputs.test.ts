import { describe, expect, it } from 'vitest'
import { parseCli } from '../../src/cli/args.js'
import { UsageError } from '../../src/core/errors.js'
import { policyError, policyFrom } from '../support/policies.js'
import { gateReport } from '../support/reports.js'

describe('globs from policies and flags', () => {
  it('refuses an unusable policy glob with its file, line and reason', () => {
    const text = [
      'version: 1',
      'exceptions:',
      '  - rule: "*"',
      `    paths: ["${'{a,b}'.repeat(10)}"]`,
      '    reason: too many alternatives',
    ].join('\n')
    expect(policyError(text)).toMatch(
      /policy\.yml:4:\d+: .*unusable glob: its braces expand to more than 256 patterns/,
    )
  })

  it('accepts globs that read as regular expressions, and keeps them literal', () => {
    const policy = policyFrom({
      'policy.yml': [
        'version: 1',
        'rules:',
        '  - id: literal',
        '    when: { paths: ["+(a|b)/*.aivss.yml"] }',
        '    action: fail',
      ].join('\n'),
    })
    expect(policy.rules.map((r) => r.id)).toContain('literal')
    const report = gateReport(
      {
        '+(a|b)/x.aivss.yml': 'name: x\n',
        'a/y.aivss.yml': 'name: y\n',
        'policy.yml':
          'version: 1\nrules:\n  - id: literal\n    when: { paths: ["+(a|b)/*.aivss.yml"] }\n    action: fail\n',
      },
      { policy: 'policy.yml' },
    )
    expect(
      (report.policy?.violations ?? [])
        .filter((v) => v.rule === 'literal')
        .map((v) => v.file),
    ).toEqual(['+(a|b)/x.aivss.yml'])
  })

  it('refuses an unusable --exclude, and keeps commas inside braces', () => {
    expect(() => parseCli(['scan', '.', '--exclude', 'x'.repeat(600)])).toThrow(
      UsageError,
    )
    const args = parseCli(['scan', '.', '--exclude', '{legacy,old}/**,tmp/**'])
    expect(args.command === 'scan' && args.exclude).toEqual([
      '{legacy,old}/**',
      'tmp/**',
    ])
  })
})
