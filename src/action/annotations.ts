import * as core from '@actions/core'
import type { Report } from '../core/report/schema.js'
import { annotationsFor } from '../core/render/annotations.js'

/**
 * One annotation per failing or warning finding, on the manifest's file and
 * line, up to the 10 errors and 10 warnings GitHub shows per step.
 */
export function emitAnnotations(report: Report, pathPrefix: string): void {
  const { annotations, omitted } = annotationsFor(report, { pathPrefix })
  for (const a of annotations) {
    const properties = {
      title: a.title,
      ...(a.file ? { file: a.file, startLine: a.line } : {}),
    }
    if (a.level === 'error') core.error(a.message, properties)
    else core.warning(a.message, properties)
  }
  if (omitted.error + omitted.warning > 0)
    core.info(
      `${omitted.error} error and ${omitted.warning} warning annotations were left out: GitHub shows at most 10 of each per step. The job summary, the JSON report and the SARIF file list every finding.`,
    )
}
