/** What scripts/calibrate.mjs runs, compiled to lib/calibrate/. */
export { calibrate, findShared, type CalibrationReport } from './calibrate.js'
export { parseCalibrateArgs, USAGE } from './args.js'
export { renderReport } from './render.js'
