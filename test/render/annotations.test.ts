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
    // One error slot is the verdict's, on no file, so nine findings show.
    expect(omitted.error).toBe(errors - 9)
    expect(annotations[0]).toMatchObject({
      level: 'error',
      title: 'aivss-gate: policy failed',
    })
    expect(annotations[0]?.file).toBeUndefined()
    const first = annotations[1]!
    expect(first.file).toMatch(/^sub\/a\/agent-\d+\.aivss\.yml$/)
    // On the line that causes the finding, as the report says.
    expect(first.line).toBe(
      report.policy!.violations.find((v) => v.action === 'fail')?.line ?? 1,
    )
    expect(first.title).toMatch(/^aivss-gate: /)
    expect(first.message).toMatch(/^agent-\d+ \((Critical|High) \d+\.\d\): /)
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
