import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_SCORING } from '../core/aivss/settings.js'
import type { AgentAssessment } from '../core/assess/assess-agent.js'
import { scan } from '../core/scan.js'
import { checkDominance, type DominanceResult } from './dominance.js'
import {
  distribution,
  textDerivedCounts,
  type DistributionRow,
  type TextDerivedRow,
} from './distribution.js'
import { factorMae, type MaeResult } from './mae.js'

/**
 * `npm run calibrate`: the score distribution of the shared corpus and of
 * the test fixtures, dominance over generated variant pairs, the factor
 * MAE against the expert estimates, and the text-derived factor values.
 * Compiled to lib/ for scripts/calibrate.mjs, imported from src by its
 * test: one implementation for both. Not part of any bundle.
 */

/** The repository: two levels up from src/calibrate/ and lib/calibrate/. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url))

export interface CalibrateOptions {
  /** The corpus to scan; the shared corpus when undefined. */
  readonly corpus?: string | undefined
  readonly fixturesOnly?: boolean
  readonly repo?: string
}

export interface ScannedSet {
  readonly name: 'corpus' | 'fixtures'
  readonly root: string
  /** Why the set was not scanned; the rest is then empty. */
  readonly skipped?: string
  readonly agents: number
  readonly manifests: number
  readonly problems: number
  readonly distribution: readonly DistributionRow[]
  readonly textDerived: readonly TextDerivedRow[]
}

export interface CalibrationReport {
  readonly sets: readonly ScannedSet[]
  readonly dominance: DominanceResult
  readonly mae: MaeResult
}

export function calibrate(options: CalibrateOptions = {}): CalibrationReport {
  const repo = options.repo ?? REPO
  const fixtures = join(repo, 'test/fixtures')
  const sets: ScannedSet[] = []
  const scored: Array<{ set: string; assessments: AgentAssessment[] }> = []
  if (!options.fixturesOnly) {
    const corpus =
      options.corpus !== undefined
        ? resolve(options.corpus)
        : findShared(repo, 'corpus')
    if (corpus === undefined || !existsSync(corpus)) {
      sets.push(
        skipped(
          'corpus',
          corpus ?? '',
          corpus === undefined
            ? 'no shared corpus beside or above the repository'
            : `${corpus} does not exist`,
        ),
      )
    } else {
      const { set, assessments } = scanSet('corpus', corpus)
      sets.push(set)
      scored.push({ set: 'corpus', assessments })
    }
  }
  const { set, assessments } = scanSet('fixtures', fixtures)
  sets.push(set)
  scored.push({ set: 'fixtures', assessments })

  const setOf = new Map<AgentAssessment, string>()
  for (const s of scored) for (const a of s.assessments) setOf.set(a, s.set)
  const dominance = checkDominance(
    scored.flatMap((s) => s.assessments),
    { fileOf: (a) => `${setOf.get(a) ?? ''}:${a.profile.source.file}` },
  )
  const mae = factorMae(
    join(fixtures, 'calibration'),
    findShared(repo, 'seeds'),
  )
  return { sets, dominance, mae }
}

/** Scanned as the CLI scans, but with .gitignore off: every fixture counts. */
function scanSet(
  name: ScannedSet['name'],
  root: string,
): { set: ScannedSet; assessments: AgentAssessment[] } {
  const result = scan({
    root,
    settings: DEFAULT_SCORING,
    respectGitignore: false,
  })
  const assessments = [...result.assessments]
  return {
    assessments,
    set: {
      name,
      root,
      agents: assessments.length,
      manifests: result.manifests.length,
      problems: result.problems.length,
      distribution: distribution(assessments),
      textDerived: textDerivedCounts(assessments),
    },
  }
}

function skipped(
  name: ScannedSet['name'],
  root: string,
  why: string,
): ScannedSet {
  return {
    name,
    root,
    skipped: why,
    agents: 0,
    manifests: 0,
    problems: 0,
    distribution: [],
    textDerived: [],
  }
}

/**
 * `shared/<what>` beside the repository, where the tests look for the
 * corpus (test/fixtures/../../../shared), else beside one of its
 * ancestors: a worktree sits a level or two below the main checkout.
 */
export function findShared(repo: string, what: string): string | undefined {
  for (let dir = resolve(repo, '..'); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', what)
    if (existsSync(candidate)) return candidate
    if (dirname(dir) === dir) return undefined
  }
}
