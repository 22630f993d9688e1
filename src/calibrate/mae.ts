import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import {
  FACTOR_NAMES,
  VERSION_FACTORS,
  type FactorId,
} from '../core/aivss/factors.js'
import type { AgentAssessment } from '../core/assess/assess-agent.js'
import descriptor from '../core/formats/aivss-descriptor/index.js'
import { scan } from '../core/scan.js'

/**
 * Factor estimates against expert estimates, the way the calibration test
 * measures them: the calibration descriptors (no declared factors) scanned
 * with AIVSS v0.5 on the continuous scale, each factor against the
 * expert's. One table per published seed, and one over every case of
 * expected.json (the seeds and our own), which the test bounds.
 */

const IDS = VERSION_FACTORS['0.5']

export interface MaeTable {
  readonly name: string
  /** Where the expert values came from. */
  readonly from: string
  readonly agents: readonly string[]
  readonly factors: Record<FactorId, number>
  readonly overall: number
}

export interface MaeResult {
  readonly tables: readonly MaeTable[]
  /** Seeds that could not be used, and seed values expected.json disagrees with. */
  readonly notes: readonly string[]
}

type Factors = Partial<Record<FactorId, number>>

interface ExpectedCase {
  readonly source: string
  readonly factors: Factors
}

export function factorMae(
  calibrationDir: string,
  seedsDir: string | undefined,
): MaeResult {
  const expected = (
    JSON.parse(readFileSync(join(calibrationDir, 'expected.json'), 'utf8')) as {
      cases: Record<string, ExpectedCase>
    }
  ).cases
  const result = scan({
    root: calibrationDir,
    settings: { version: '0.5', scale: 'continuous' },
    formats: [descriptor],
    respectGitignore: false,
  })
  const byName = new Map(result.assessments.map((a) => [a.profile.name, a]))
  const notes: string[] = []
  const tables: MaeTable[] = []

  const seeds = seedsDir && existsSync(seedsDir) ? readSeeds(seedsDir) : []
  if (seeds.length === 0) {
    notes.push('no seed files: the seed tables come from expected.json')
    for (const [name, c] of Object.entries(expected))
      if (c.source === 'seed')
        tables.push(table(name, 'expected.json', [[byName.get(name), c]]))
  }
  for (const seed of seeds) {
    // A seed file `x.txt` is the table for the descriptor `x.aivss.yml`.
    const agent = result.assessments.find(
      (a) => basename(a.profile.source.file) === `${seed.id}.aivss.yml`,
    )
    if (!agent || seed.missing.length > 0) {
      notes.push(
        agent
          ? `seed ${seed.id}: no value for ${seed.missing.join(', ')}`
          : `seed ${seed.id}: no calibration descriptor ${seed.id}.aivss.yml`,
      )
      continue
    }
    const listed = expected[agent.profile.name]?.factors ?? {}
    const differs = IDS.filter(
      (id) => listed[id] !== undefined && listed[id] !== seed.factors[id],
    )
    if (differs.length > 0)
      notes.push(
        `seed ${seed.id}: expected.json differs on ${differs.join(', ')}`,
      )
    tables.push(
      table(seed.id, `seeds/${seed.id}.txt`, [
        [agent, { source: 'seed', factors: seed.factors }],
      ]),
    )
  }
  tables.push(
    table(
      'all calibration cases',
      'expected.json',
      Object.entries(expected).map(([name, c]) => [byName.get(name), c]),
    ),
  )
  return { tables, notes }
}

function table(
  name: string,
  from: string,
  cases: ReadonlyArray<readonly [AgentAssessment | undefined, ExpectedCase]>,
): MaeTable {
  const errors = new Map<FactorId, number[]>(IDS.map((id) => [id, []]))
  const agents: string[] = []
  for (const [agent, wanted] of cases) {
    // A case without its descriptor has no estimate: the MAE says NaN.
    agents.push(agent?.profile.name ?? '(missing)')
    for (const id of IDS)
      errors
        .get(id)
        ?.push(
          Math.abs(
            (agent?.allFactors[id].value ?? NaN) - (wanted.factors[id] ?? NaN),
          ),
        )
  }
  const factors = Object.fromEntries(
    IDS.map((id) => [id, mean(errors.get(id) ?? [])]),
  ) as Record<FactorId, number>
  return {
    name,
    from,
    agents,
    factors,
    overall: mean([...errors.values()].flat()),
  }
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN
  return values.reduce((s, v) => s + v, 0) / values.length
}

interface Seed {
  readonly id: string
  readonly factors: Factors
  readonly missing: readonly FactorId[]
}

const NAME_TO_ID = new Map(
  Object.entries(FACTOR_NAMES['0.5']).map(([id, name]) => [
    name.toLowerCase(),
    id as FactorId,
  ]),
)

/** The factor rows (`| Autonomy of Action | 0.80 | |`) of each seed file. */
function readSeeds(dir: string): Seed[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const factors: Factors = {}
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const m = /^\|\s*([^|]+?)\s*\|\s*([0-9]*\.?[0-9]+)\s*\|/.exec(line)
        const id = m && NAME_TO_ID.get((m[1] as string).toLowerCase())
        if (m && id) factors[id] = Number(m[2])
      }
      return {
        id: file.replace(/\.txt$/, ''),
        factors,
        missing: IDS.filter((id) => factors[id] === undefined),
      }
    })
}
