import { parseArgs } from 'node:util'

/** The options of `npm run calibrate -- ...`. */
export interface CalibrateArgs {
  readonly corpus: string | undefined
  readonly fixturesOnly: boolean
  readonly json: boolean
  /** Exit 1 when a variant pair breaks dominance. */
  readonly check: boolean
  readonly help: boolean
}

export const USAGE = `Usage: npm run calibrate -- [options]

  --corpus DIR      the corpus to scan (default: the shared corpus, skipped
                    when there is none)
  --fixtures-only   scan test/fixtures only
  --json            print the report as JSON
  --check           exit 1 when a variant pair breaks dominance
  --help            this text
`

/** Throws on an unknown option or a stray argument, with parseArgs' message. */
export function parseCalibrateArgs(argv: readonly string[]): CalibrateArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      corpus: { type: 'string' },
      'fixtures-only': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  return {
    corpus: values.corpus,
    fixturesOnly: values['fixtures-only'],
    json: values.json,
    check: values.check,
    help: values.help,
  }
}
