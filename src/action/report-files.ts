import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  isInside,
  writeConfined,
  type ConfinedTarget,
} from '../core/fs/write-confined.js'
import type { AgentProfile } from '../core/profile/schema.js'
import type { Report } from '../core/report/schema.js'
import { renderCycloneDx } from '../core/render/cyclonedx.js'
import { renderSarif, type VersionControl } from '../core/render/sarif.js'

/**
 * The JSON report (always: its path is the `report` output) and the SARIF
 * file (when asked for), written before anything talks to GitHub. Files the
 * inputs name stay inside the workspace and are never written through a
 * link (a pull request can commit `aivss-gate.sarif` as one); the default
 * report goes to the runner's temporary directory, also without following
 * links.
 */
export interface ReportFiles {
  readonly json: string
  readonly sarif: string | undefined
  readonly cyclonedx: string | undefined
}

export function writeReportFiles(
  report: Report,
  options: {
    readonly workspace: string
    readonly pathPrefix: string
    readonly jsonFile: string | undefined
    readonly sarifFile: string | undefined
    readonly cyclonedxFile?: string | undefined
    /** The agents' profiles, in the report's order, for the AI-BOM. */
    readonly profiles?: readonly AgentProfile[]
    readonly versionControl?: VersionControl | undefined
    readonly env: NodeJS.ProcessEnv
  },
): ReportFiles {
  const step = (options.env.GITHUB_ACTION ?? '').replace(
    /[^A-Za-z0-9_.-]/g,
    '_',
  )
  const temp = options.env.RUNNER_TEMP || tmpdir()
  const json = options.jsonFile
    ? resolve(options.workspace, options.jsonFile)
    : join(temp, 'aivss-gate', `report${step ? `-${step}` : ''}.json`)
  writeConfined(
    options.jsonFile
      ? confinedInput(
          'json-file',
          options.jsonFile,
          json,
          options.workspace,
          options.env.RUNNER_TEMP,
        )
      : { path: json, anchor: temp, confine: true, label: 'the JSON report' },
    `${JSON.stringify(report, null, 2)}\n`,
  )
  let sarif: string | undefined
  if (options.sarifFile) {
    sarif = resolve(options.workspace, options.sarifFile)
    const log = renderSarif(report, {
      pathPrefix: options.pathPrefix,
      versionControl: options.versionControl,
      localRoot: options.workspace,
    })
    writeConfined(
      confinedInput(
        'sarif-file',
        options.sarifFile,
        sarif,
        options.workspace,
        options.env.RUNNER_TEMP,
      ),
      `${JSON.stringify(log, null, 2)}\n`,
    )
  }
  let cyclonedx: string | undefined
  if (options.cyclonedxFile) {
    cyclonedx = resolve(options.workspace, options.cyclonedxFile)
    writeConfined(
      confinedInput(
        'cyclonedx-file',
        options.cyclonedxFile,
        cyclonedx,
        options.workspace,
        options.env.RUNNER_TEMP,
      ),
      renderCycloneDx(report, options.profiles ?? [], {
        pathPrefix: options.pathPrefix,
        timestamp: new Date(),
      }),
    )
  }
  return { json, sarif, cyclonedx }
}

/**
 * Where an output input may go: inside the workspace, or inside the
 * runner's temporary directory (the runner's own, never the pull
 * request's), with no link on the way below either.
 */
function confinedInput(
  input: string,
  value: string,
  path: string,
  workspace: string,
  temp: string | undefined,
): ConfinedTarget {
  const inTemp =
    temp !== undefined &&
    temp !== '' &&
    !isInside(workspace, path) &&
    isInside(temp, path)
  return {
    path,
    anchor: inTemp ? temp : workspace,
    confine: true,
    label: `${input} ${value}`,
    help: `Give ${input} a path inside the workspace (or RUNNER_TEMP) that is not a link.`,
  }
}
