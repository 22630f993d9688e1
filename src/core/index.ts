/**
 * The pure core of aivss-gate: discovery, formats, profiles, AIVSS scoring,
 * estimation, reports. Shared by the CLI and the Action; it never imports the
 * Actions toolkit.
 */
export { scan, type ScanOptions, type ScanResult } from './scan.js'
export { buildReport } from './report/build.js'
export { ReportSchema, type Report, type ReportAgent } from './report/schema.js'
export { renderMarkdown } from './render/markdown.js'
export { renderText } from './render/text.js'
export {
  DEFAULT_SCORING,
  FACTOR_SCALES,
  type FactorScale,
  type ScoringSettings,
} from './aivss/settings.js'
export {
  AIVSS_VERSIONS,
  FACTOR_IDS,
  type AivssVersion,
  type FactorId,
} from './aivss/factors.js'
export { computeAivss } from './aivss/formula.js'
export { scoreCvssVector } from './aivss/cvss.js'
export {
  GateError,
  UsageError,
  ConfigurationError,
  ManifestError,
  errorMessage,
} from './errors.js'
export type { Logger } from './logger.js'
export { VERSION } from './version.js'
