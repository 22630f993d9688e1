import { describe, expect, it } from 'vitest'
import { annotationsFor } from '../../src/core/render/annotations.js'
import { failingDescriptor, gateReport } from '../support/reports.js'

describe('annotations', () => {
  it('puts each finding on its file and line, up to 10 errors and 10 warnings', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 14; i++)
      files[`a/agent-${i}.aivss.yml`] = failingDescriptor(`agent-${i}`)
    const report = gateReport(files)
    const errors = report.policy!.violations.filter(
      (v) => v.action === 'fail',
    ).length
    expect(errors).toBeGreaterThan(10)
    const { annotations, omitted } = annotationsFor(report, {
      pathPrefix: 'sub',
    })
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(10)
    expect(omitted.error).toBe(errors - 10)
    const first = annotations[0]!
    expect(first.file).toMatch(/^sub\/a\/agent-\d+\.aivss\.yml$/)
    expect(first.line).toBe(1)
    expect(first.title).toMatch(/^aivss-gate: /)
    expect(first.message).toMatch(/^agent-\d+: /)
  })

  it('is empty for a clean report', () => {
    const report = gateReport({
      'a.aivss.yml':
        'name: calm\ncontrols: { guardrails: true, humanApproval: true }\n',
    })
    const list = annotationsFor(report)
    expect(list.annotations.filter((a) => a.level === 'error')).toEqual([])
    expect(list.omitted).toEqual({ error: 0, warning: 0 })
  })
})
