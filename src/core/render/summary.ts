import type { Report } from '../report/schema.js'
import { renderCompact, utf8Bytes, type ReportLinks } from './compact.js'
import { renderMarkdown } from './markdown.js'

/**
 * The job summary: the full markdown report, unless it is over GitHub's
 * 1 MiB limit for one step's summary, in which case it is shortened the way
 * the comment is (folded, then truncated details) and says so.
 */

export const SUMMARY_LIMIT = 1024 * 1024

/** Left for other steps' markup and line endings. */
export const SUMMARY_BUDGET = SUMMARY_LIMIT - 16 * 1024

export function renderJobSummary(
  report: Report,
  options: { readonly links?: ReportLinks; readonly budget?: number } = {},
): string {
  const budget = options.budget ?? SUMMARY_BUDGET
  const full = renderMarkdown(report, { links: options.links })
  const size = utf8Bytes(full)
  if (size <= budget) return full
  return renderCompact(report, {
    budget,
    links: {
      ...options.links,
      fullReportUrl: undefined,
      fullReportLabel: 'the JSON report (step output "report")',
    },
    notice: `> [!NOTE]\n> The full report (${Math.ceil(size / 1024)} KiB) is over the ${Math.floor(budget / 1024)} KiB this summary can hold, so it is shortened here. To keep all of it, set the \`json-file\` input (e.g. \`aivss-report.json\`) and upload that file with \`actions/upload-artifact\` in a later step, as the README's workflow shows; the step output \`report\` holds the JSON too.`,
  })
}
