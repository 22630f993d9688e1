import { compileGlobs, GlobError, type PathMatcher } from '../glob/glob.js'
import { ConfigurationError } from '../errors.js'
import type { FormatModule } from '../manifest/types.js'
import type { FileSource } from './source.js'
import type { WalkRejection } from './walk.js'

/**
 * Finds the files that may be agent manifests. The path decides first, so
 * that nothing is read unless a format claims its name; only generic names
 * (`agent.json`, `*.yaml`) are left for a look at their content.
 */

/** Trees that hold other people's code or build output, skipped by default. */
export const DEFAULT_PRUNED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'jspm_packages',
  'vendor',
  'third_party',
  'third-party',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.gradle',
  '.terraform',
  'dist',
  'build',
  'out',
  'target',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  'coverage',
])

/** Version-control directories: never content, whatever tree holds them. */
const VCS_DIRECTORIES: ReadonlySet<string> = new Set(['.git', '.hg', '.svn'])

export interface Candidate {
  readonly path: string
  /** Formats that claimed the path, highest priority first. */
  readonly formats: readonly FormatModule[]
  /** Only `maybe` claims: the content decides. */
  readonly needsSniff: boolean
  /** How many of `formats`, from the first, claimed the path outright. */
  readonly claimed: number
}

export interface Discovery {
  readonly candidates: readonly Candidate[]
  /**
   * `<manifest>.aivss.yml` files beside a file of that name, keyed by it:
   * sidecars if that file turns out to hold agents, descriptors otherwise
   * (they are candidates as well).
   */
  readonly sidecars: ReadonlyMap<string, string>
  /** Every file and directory considered and left out, with the reason. */
  readonly rejected: readonly WalkRejection[]
  /**
   * Links and special files that a format claims by name: left unopened, and
   * worth a line in the report, since the agent they stand for goes unscored.
   * (Generic names such as `*.json` stay in `rejected` only.)
   */
  readonly unopened: readonly UnopenedEntry[]
  /** Number of files looked at. */
  readonly considered: number
}

/** A link or special file that some format claims (`yes`) or may claim (`maybe`). */
export interface UnopenedEntry extends WalkRejection {
  readonly claimed: boolean
}

export interface DiscoverOptions {
  readonly source: FileSource
  readonly formats: readonly FormatModule[]
  /** Globs (relative to the root): only matching files are considered. */
  readonly include?: readonly string[]
  /** Globs (relative to the root) of files and directories to leave out. */
  readonly exclude?: readonly string[]
  /** Honour .gitignore files (default true). */
  readonly respectGitignore?: boolean
  /** Files git tracks (relative to the root): never hidden by .gitignore. */
  readonly tracked?: ReadonlySet<string> | undefined
  /** Skip vendored, generated and tool directories (default true). */
  readonly defaultExcludes?: boolean
}

const SIDECAR = /^(.*)\.aivss\.(ya?ml|json)$/i

export function discover(options: DiscoverOptions): Discovery {
  const rejected: WalkRejection[] = []
  const excluded = globMatcher(options.exclude, 'exclude')
  const included = globMatcher(options.include, 'include')
  const pruneDefaults = options.defaultExcludes ?? true
  const formats = [...options.formats].sort(
    (a, b) => (b.priority ?? 0) - (a.priority ?? 0),
  )
  const claimedTree = treeClaims(formats)
  const askAbout = formatsByNameEnding(formats)
  const committed = pruneDefaults
    ? committedManifests(options.tracked, askAbout)
    : undefined
  /** Inside a pruned directory that was descended for committed manifests. */
  const rescuedBelow = new Set<string>()
  const insideRescued = (path: string): boolean => {
    for (let cut = path.lastIndexOf('/'); cut > 0;) {
      const dir = path.slice(0, cut)
      if (rescuedBelow.has(dir)) return true
      cut = dir.lastIndexOf('/')
    }
    return false
  }
  const files = options.source.list({
    respectGitignore: options.respectGitignore ?? true,
    tracked: options.tracked,
    pruneDirectory: (path, name) => {
      // `.claude/agents/build/` is part of the agents tree, not build
      // output: the default pruning stops where a format claims the tree.
      if (
        pruneDefaults &&
        DEFAULT_PRUNED_DIRECTORIES.has(name) &&
        (VCS_DIRECTORIES.has(name) || !claimedTree(path))
      ) {
        // A committed file that a format claims by its path is not someone
        // else's code: moving an agent into `vendor/` or `.venv/` must not
        // hide it. Only those files are read there.
        if (!VCS_DIRECTORIES.has(name) && committed?.directories.has(path)) {
          rescuedBelow.add(path)
          return excluded?.(path, true) ? 'matches an exclude glob' : undefined
        }
        return `${name}/ is a vendored, generated or tool directory`
      }
      if (excluded?.(path, true)) return 'matches an exclude glob'
      return undefined
    },
    skipFile: (path) => {
      if (insideRescued(path) && committed?.files.has(path) !== true)
        return 'inside a vendored, generated or tool directory'
      if (excluded?.(path)) return 'matches an exclude glob'
      if (included && !included(path)) return 'matches no include glob'
      return undefined
    },
    onRejected: (rejection) => rejected.push(rejection),
  })
  const paths = new Set(files)
  // Tens of thousands of generic names share a few lists of formats: the
  // scan keeps one copy of each.
  const lists = new Map<string, readonly FormatModule[]>()
  const shared = (list: readonly FormatModule[]): readonly FormatModule[] => {
    const key = list.map((f) => f.id).join(' ')
    const known = lists.get(key)
    if (known) return known
    lists.set(key, list)
    return list
  }
  const candidates: Candidate[] = []
  const sidecars = new Map<string, string>()
  for (const path of files) {
    // Whether `x.aivss.yml` is the sidecar of `x` is known only once `x` is
    // read: it is one only if `x` holds agents. Until then it is also a
    // descriptor candidate, so that an empty `x` cannot make it vanish.
    const sidecarOf = SIDECAR.exec(path)?.[1]
    if (sidecarOf !== undefined && paths.has(sidecarOf))
      sidecars.set(sidecarOf, path)
    const sure: FormatModule[] = []
    const maybe: FormatModule[] = []
    const folded = path.toLowerCase()
    for (const format of askAbout(path)) {
      const claim = claimOf(format, path, folded)
      if (claim === 'yes') sure.push(format)
      else if (claim === 'maybe') maybe.push(format)
    }
    if (sure.length > 0) {
      candidates.push({
        path,
        formats: [...sure, ...maybe],
        needsSniff: false,
        claimed: sure.length,
      })
    } else if (maybe.length > 0) {
      candidates.push({
        path,
        formats: shared(maybe),
        needsSniff: true,
        claimed: 0,
      })
    } else {
      rejected.push({ path, reason: 'name matches no manifest format' })
    }
  }
  const unopened: UnopenedEntry[] = []
  for (const r of rejected) {
    if (r.entry === undefined) continue
    const claims = askAbout(r.path).map((f) =>
      claimOf(f, r.path, r.path.toLowerCase()),
    )
    if (SIDECAR.test(r.path) || claims.includes('yes'))
      unopened.push({ ...r, claimed: true })
    else if (claims.includes('maybe')) unopened.push({ ...r, claimed: false })
  }
  return { candidates, sidecars, rejected, unopened, considered: files.length }
}

/**
 * Whether a directory lies inside a tree that a format claims by where it
 * is, not only by name: some format claims a file in it outright that it
 * would not claim, by the same name, in a neutral directory. Formats are
 * asked with probe names built from the name endings they declare, so a new
 * format's trees are found without a list to keep.
 */
function treeClaims(
  formats: readonly FormatModule[],
): (directory: string) => boolean {
  const names = new Set(COMPOUND_PROBES)
  for (const format of formats)
    for (const ending of format.nameEndings ?? GENERIC_ENDINGS)
      names.add(ending.startsWith('.') ? `probe${ending}` : `.${ending}`)
  const probes = [...names]
  const neutral = probes.map((name) => ({
    name,
    claims: new Set(
      formats
        .filter((f) => f.matchPath(`${NEUTRAL_DIRECTORY}/${name}`) === 'yes')
        .map((f) => f.id),
    ),
  }))
  return (directory) =>
    neutral.some(({ name, claims }) =>
      formats.some(
        (f) =>
          !claims.has(f.id) && f.matchPath(`${directory}/${name}`) === 'yes',
      ),
    )
}

/**
 * A format's claim on a path, read as a case-insensitive file system (macOS,
 * Windows) reads it: the host loads `.Claude/Agents/x.md` as
 * `.claude/agents/x.md` there, so a change of case must not hide an agent.
 */
function claimOf(
  format: FormatModule,
  path: string,
  folded: string,
): 'yes' | 'maybe' | 'no' {
  const claim = format.matchPath(path)
  if (claim === 'yes' || folded === path) return claim
  return format.matchPath(folded) === 'yes' ? 'yes' : claim
}

/**
 * Tracked files that some format claims outright by their path (generic
 * names that only content could claim are left out: vendored trees hold
 * thousands), and every directory above one.
 */
function committedManifests(
  tracked: ReadonlySet<string> | undefined,
  askAbout: (path: string) => readonly FormatModule[],
):
  { files: ReadonlySet<string>; directories: ReadonlySet<string> } | undefined {
  if (!tracked || tracked.size === 0) return undefined
  const files = new Set<string>()
  const directories = new Set<string>()
  for (const path of tracked) {
    if (!insidePrunedName(path)) continue
    const claimed =
      SIDECAR.test(path) ||
      askAbout(path).some((f) => claimOf(f, path, path.toLowerCase()) === 'yes')
    if (!claimed) continue
    files.add(path)
    for (let cut = path.lastIndexOf('/'); cut > 0;) {
      const dir = path.slice(0, cut)
      if (directories.has(dir)) break
      directories.add(dir)
      cut = dir.lastIndexOf('/')
    }
  }
  return files.size === 0 ? undefined : { files, directories }
}

/** Whether some directory of the path has a default-pruned name. */
function insidePrunedName(path: string): boolean {
  const parts = path.split('/')
  for (let i = 0; i < parts.length - 1; i++)
    if (DEFAULT_PRUNED_DIRECTORIES.has(parts[i] as string)) return true
  return false
}

/** A directory name no format gives a meaning to. */
const NEUTRAL_DIRECTORY = 'aivss-gate-probe/neutral'
/** Probes for formats that declare no endings. */
const GENERIC_ENDINGS = ['.md', '.json', '.yaml', '.yml', '.toml']
/** Names whose double endings carry a format's meaning. */
const COMPOUND_PROBES = [
  'probe.agent.md',
  'probe.chatmode.md',
  'probe.prompt.md',
  'probe.aivss.yml',
]

/**
 * The formats worth asking about a path, in priority order: those whose
 * name endings it has, and those that declare none. Names share few
 * endings, so the answer is kept per ending (from the name's last dot).
 */
function formatsByNameEnding(
  formats: readonly FormatModule[],
): (path: string) => readonly FormatModule[] {
  const known = new Map<string, readonly FormatModule[]>()
  return (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
    const dot = name.lastIndexOf('.')
    const ending = dot < 0 ? name : name.slice(dot)
    let asked = known.get(ending)
    if (asked === undefined) {
      asked = formats.filter(
        (f) =>
          f.nameEndings === undefined ||
          f.nameEndings.some((e) => ending.endsWith(e)),
      )
      known.set(ending, asked)
    }
    return asked
  }
}

/** One matcher for a list of globs; undefined for none. Dotfiles match too. */
function globMatcher(
  globs: readonly string[] | undefined,
  kind: 'include' | 'exclude',
): PathMatcher | undefined {
  const patterns = (globs ?? [])
    .map((g) => g.trim())
    .filter((g) => g.length > 0)
  if (patterns.length === 0) return undefined
  try {
    return compileGlobs(patterns)
  } catch (error) {
    if (!(error instanceof GlobError)) throw error
    throw new ConfigurationError(
      `An ${kind} glob cannot be used: ${error.message}`,
      { help: 'Shorten the glob or split its braces into several globs.' },
    )
  }
}
