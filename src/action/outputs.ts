import * as core from '@actions/core'
import type { Report } from '../core/report/schema.js'
import { formatScore } from '../core/render/format.js'

/**
 * The step's outputs, as stable strings. Set as soon as the gate has run, so
 * that they exist even if commenting fails afterwards.
 */
export function setGateOutputs(report: Report, reportPath: string): void {
  core.setOutput('result', report.policy?.result ?? 'pass')
  core.setOutput('agents', String(report.summary.agents))
  core.setOutput(
    'max-score',
    report.summary.maxScore === null
      ? ''
      : formatScore(report.summary.maxScore),
  )
  core.setOutput('violations', String(report.policy?.violations.length ?? 0))
  core.setOutput('report', reportPath)
}

export function setCommentUrl(url: string | undefined): void {
  core.setOutput('comment-url', url ?? '')
}
