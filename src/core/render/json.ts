import type { Report } from '../report/schema.js'

/**
 * The JSON report in pieces, one agent at a time, so that a report of
 * thousands of agents is never one string in memory. Compact: machines read
 * it, and whitespace would double its size.
 */
export function* jsonReportChunks(report: Report): Generator<string> {
  const { agents, ...rest } = report
  yield `${inert(JSON.stringify(rest)).slice(0, -1)},"agents":[`
  for (let i = 0; i < agents.length; i++) {
    yield `${i > 0 ? ',' : ''}${inert(JSON.stringify(agents[i]))}`
  }
  yield ']}\n'
}

/**
 * `##[` can only be inside a string (a manifest's text), and is written
 * `\u0023#[`: the same value for any JSON reader, but a workflow log that
 * prints the report (the CLI's stdout in a step) reads no old-style
 * command from the line.
 */
function inert(json: string): string {
  return json.includes('##[') ? json.replace(/##\[/g, '\\u0023#[') : json
}

/** The whole JSON report as one string, for small reports and tests. */
export function renderJson(report: Report): string {
  return [...jsonReportChunks(report)].join('')
}
