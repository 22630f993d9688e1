import { assessAgent, type AgentAssessment } from './assess/assess-agent.js'
import { offSpecThreatMultipliers } from './assess/off-spec.js'
import type { ScoringSettings } from './aivss/settings.js'
import {
  discover,
  type Candidate,
  type Discovery,
} from './discovery/discover.js'
import {
  DEFAULT_MAX_FILE_SIZE,
  type ReadOutcome,
} from './discovery/read-file.js'
import { directorySource, type FileSource } from './discovery/source.js'
import { errorMessage } from './errors.js'
import { FORMATS } from './formats/index.js'
import { silentLogger, type Logger } from './logger.js'
import { sidecarsInUse } from './manifest/sidecar.js'
import type {
  ContextNote,
  FormatModule,
  SkillDeclaration,
} from './manifest/types.js'
import {
  readCandidate,
  SNIFF_BYTES,
  type CandidateOutcome,
} from './pipeline/read-manifests.js'
import {
  applySidecars,
  attachContext,
  attachSkills,
  linkSubAgents,
} from './pipeline/relate.js'
import type { Problem } from './problems.js'
import type { AgentProfile } from './profile/schema.js'

export interface ScanOptions {
  /** Absolute path of the directory to scan. */
  readonly root: string
  /** Where files come from; the directory `root` by default. */
  readonly source?: FileSource
  readonly settings: ScoringSettings
  readonly formats?: readonly FormatModule[]
  readonly maxFileSize?: number
  /** Globs relative to the root; see DiscoverOptions. */
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
  readonly respectGitignore?: boolean
  /**
   * Files git tracks, relative to the root: `.gitignore` never hides them
   * (it applies only to untracked files).
   */
  readonly tracked?: ReadonlySet<string> | undefined
  readonly defaultExcludes?: boolean
  readonly logger?: Logger
}

export interface ScanResult {
  readonly root: string
  readonly assessments: readonly AgentAssessment[]
  readonly problems: readonly Problem[]
  readonly discovery: Discovery
  /** Files read whole and handed to a format. */
  readonly parsed: number
  /** Files that turned out not to be manifests, with the reason. */
  readonly notManifests: ReadonlyArray<{
    readonly path: string
    readonly reason: string
  }>
  /** Manifests read, with the format that read each and its agent count. */
  readonly manifests: ReadonlyArray<{
    readonly path: string
    readonly format: string
    readonly agents: number
  }>
  /** Agent Skills, with the agents each was folded into. */
  readonly skills: ReadonlyArray<
    SkillDeclaration & { readonly loadedBy: readonly string[] }
  >
}

/**
 * The whole pipeline on one directory: find candidate files, turn each into
 * agent profiles with its format, apply sidecars, link sub-agents to their
 * parents, and score every agent. A bad file becomes a problem in the
 * result; it never stops the scan.
 */
export function scan(options: ScanOptions): ScanResult {
  const logger = options.logger ?? silentLogger
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE
  const source = options.source ?? directorySource(options.root)
  const clock = phaseClock(logger)

  const discovery = discover({
    source,
    formats: options.formats ?? FORMATS,
    include: options.include,
    exclude: options.exclude,
    respectGitignore: options.respectGitignore,
    tracked: options.tracked,
    defaultExcludes: options.defaultExcludes,
  })
  clock(
    `discovery: ${discovery.considered} files considered, ${discovery.candidates.length} candidates`,
  )

  const problems: Problem[] = discovery.unopened.map((r) => ({
    file: r.path,
    message: `${r.claimed ? 'unreadable manifest' : 'skipped'}: ${r.reason}`,
    level: 'warning',
    unreadable: r.claimed ? 'claimed' : 'possible',
  }))
  const notManifests: Array<{ path: string; reason: string }> = []
  const manifests: Array<{ path: string; format: string; agents: number }> = []
  const profilesByFile = new Map<string, readonly AgentProfile[]>()
  const contextNotes: ContextNote[] = []
  const skills: SkillDeclaration[] = []
  let parsed = 0
  const candidates = discovery.candidates
  source.prefetch?.(candidates.map((c) => c.path))
  const generic: number[] = []
  for (let i = 0; i < candidates.length; i++)
    if (candidates[i]?.needsSniff) generic.push(i)
  const heads = source.readHeadsAhead?.(
    generic.map((i) => (candidates[i] as Candidate).path),
    SNIFF_BYTES,
  )
  // Files whose names settle their format go first: parsing them keeps the
  // main thread busy while the heads of the generic ones are read ahead.
  // Outcomes are gathered in candidate order either way.
  const outcomes = new Array<CandidateOutcome>(candidates.length)
  const read = (i: number, head?: ReadOutcome): void => {
    outcomes[i] = readCandidate(
      source,
      candidates[i] as Candidate,
      maxBytes,
      head,
    )
  }
  for (let i = 0; i < candidates.length; i++)
    if (!candidates[i]?.needsSniff) read(i)
  if (heads) {
    const ahead = heads.drain((k, head) => read(generic[k] as number, head))
    logger.debug(`reading: ${ahead} heads read by a second thread`)
  } else {
    for (const i of generic) read(i)
  }
  // `x.aivss.yml` is the sidecar of `x` only when `x` holds agents;
  // otherwise it stays a descriptor of its own, read like any other.
  const sidecars = sidecarsInUse(discovery.sidecars, outcomes)
  const readAsSidecars = new Set(sidecars.values())
  for (const outcome of outcomes) {
    if (readAsSidecars.has(outcome.path)) continue
    if (outcome.parsed) parsed += 1
    // Loops, not push(...list): one hostile file can hold enough entries
    // to overflow the argument stack.
    for (const problem of outcome.problems) problems.push(problem)
    for (const note of outcome.context) contextNotes.push(note)
    for (const skill of outcome.skills ?? []) skills.push(skill)
    if (outcome.notManifest !== undefined)
      notManifests.push({ path: outcome.path, reason: outcome.notManifest })
    if (outcome.manifest)
      manifests.push({ path: outcome.path, ...outcome.manifest })
    if (outcome.agents.length > 0)
      profilesByFile.set(outcome.path, outcome.agents)
  }
  clock(`reading: ${parsed} manifests parsed`)

  problems.push(...applySidecars(sidecars, profilesByFile, source, maxBytes))
  const profiles = [...profilesByFile.values()].flat()
  linkSubAgents(profiles)
  attachContext(profiles, contextNotes)
  const loadedBy = attachSkills(profiles, skills)
  const assessments: AgentAssessment[] = []
  for (const profile of sortProfiles(profiles)) {
    try {
      assessments.push(assessAgent(profile, options.settings))
    } catch (error) {
      problems.push({
        file: profile.source.file,
        line: profile.source.line,
        message: `agent "${profile.name}" could not be scored: ${errorMessage(error)}`,
        level: 'error',
      })
    }
  }
  problems.push(...offSpecThreatMultipliers(assessments, options.settings))
  clock(`scoring: ${assessments.length} agents`)
  return {
    root: options.root,
    assessments,
    problems: sortProblems(problems),
    discovery,
    parsed,
    notManifests,
    manifests,
    skills: skills.map((skill) => ({
      ...skill,
      loadedBy: loadedBy.get(skill) ?? [],
    })),
  }
}

/** Logs how long each phase took, for `--verbose`. */
function phaseClock(logger: Logger): (what: string) => void {
  let last = performance.now()
  return (what) => {
    const now = performance.now()
    logger.debug(`${what} (${Math.round(now - last)} ms)`)
    last = now
  }
}

function sortProfiles(profiles: readonly AgentProfile[]): AgentProfile[] {
  return [...profiles].sort(
    (a, b) =>
      compare(a.source.file, b.source.file) ||
      a.source.line - b.source.line ||
      compare(a.name, b.name),
  )
}

function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compare(a.message, b.message),
  )
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
