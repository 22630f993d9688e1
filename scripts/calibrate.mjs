// Calibration report: score distribution per format (shared corpus and
// test/fixtures), dominance over generated variant pairs, factor MAE
// against the expert estimates, text-derived factor values.
//
//   npm run calibrate [-- --corpus DIR --fixtures-only --json --check]
//
// The logic lives in src/calibrate/ (shared with its test); this runs the
// compiled copy in lib/, which `npm run calibrate` builds first.
import './resolve-cvss.mjs'

const { calibrate, parseCalibrateArgs, renderReport, USAGE } = await import(
  new URL('../lib/calibrate/index.js', import.meta.url)
)

let args
try {
  args = parseCalibrateArgs(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`${error.message}\n\n${USAGE}`)
  process.exit(2)
}
if (args.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}

const report = calibrate({
  corpus: args.corpus,
  fixturesOnly: args.fixturesOnly,
})
for (const set of report.sets)
  if (set.skipped) process.stderr.write(`${set.name}: ${set.skipped}\n`)
process.stdout.write(
  args.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report),
)
if (args.check && report.dominance.violations > 0) {
  process.stderr.write(
    `${report.dominance.violations} dominance violations (--check)\n`,
  )
  process.exitCode = 1
}
