import type { Report } from '../report/schema.js'

/**
 * The JSON report in pieces, one agent at a time, so that a report of
 * thousands of agents is never one string in memory. Compact: machines read
 * it, and whitespace would double its size.
 */
export function* jsonReportChunks(report: Report): Generator<string> {
  const { agents, ...rest } = report
  yield `${JSON.stringify(rest).slice(0, -1)},"agents":[`
  for (let i = 0; i < agents.length; i++) {
    yield `${i > 0 ? ',' : ''}${JSON.stringify(agents[i])}`
  }
  yield ']}\n'
}

/** The whole JSON report as one string, for small reports and tests. */
export function renderJson(report: Report): string {
  return [...jsonReportChunks(report)].join('')
}
