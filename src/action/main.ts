import * as core from '@actions/core'
import { resolve } from 'node:path'
import { buildReport } from '../core/report/build.js'
import {
  DEFAULT_SCORING,
  type ScoringSettings,
} from '../core/aivss/settings.js'
import { errorMessage } from '../core/errors.js'
import { renderMarkdown } from '../core/render/markdown.js'
import { scan } from '../core/scan.js'

/**
 * The Action's entry: scan the workspace and write the job summary. The PR
 * comment, policy verdict, annotations and SARIF build on this.
 */
export async function run(): Promise<void> {
  try {
    const path = core.getInput('path') || '.'
    const root = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), path)
    const settings: ScoringSettings = DEFAULT_SCORING
    const result = scan({ root, settings })
    const report = buildReport(result, settings)
    core.setOutput('agents', String(report.summary.agents))
    core.setOutput(
      'max-score',
      report.summary.maxScore === null ? '' : String(report.summary.maxScore),
    )
    await core.summary.addRaw(renderMarkdown(report)).write()
  } catch (error) {
    core.setFailed(errorMessage(error))
  }
}
