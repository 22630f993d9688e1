import { assessAgent, type AgentAssessment } from './assess/assess-agent.js'
import type { ScoringSettings } from './aivss/settings.js'
import { discover, type Discovery } from './discovery/discover.js'
import { DEFAULT_MAX_FILE_SIZE } from './discovery/read-file.js'
import { directorySource, type FileSource } from './discovery/source.js'
import { errorMessage } from './errors.js'
import { FORMATS } from './formats/index.js'
import { silentLogger, type Logger } from './logger.js'
import { mergeDeclared, readAivssBlock } from './manifest/aivss-block.js'
import { applySidecar } from './manifest/sidecar.js'
import { isRecord } from './parse/data.js'
import type {
  ContextNote,
  FormatModule,
  FormatResult,
  ManifestFile,
} from './manifest/types.js'
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
}

const SNIFF_BYTES = 16 * 1024

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
  const discovery = discover({
    source,
    formats: options.formats ?? FORMATS,
    include: options.include,
    exclude: options.exclude,
    respectGitignore: options.respectGitignore,
    defaultExcludes: options.defaultExcludes,
  })
  logger.debug(
    `${discovery.considered} files considered, ${discovery.candidates.length} candidates`,
  )
  const problems: Problem[] = []
  const notManifests: Array<{ path: string; reason: string }> = []
  const manifests: Array<{ path: string; format: string; agents: number }> = []
  const profilesByFile = new Map<string, AgentProfile[]>()
  const contextNotes: ContextNote[] = []
  let parsed = 0

  const readSibling = (path: string): string | undefined => {
    const outcome = source.readRelative(path, maxBytes)
    return outcome.ok ? outcome.text : undefined
  }

  source.prefetch?.(discovery.candidates.map((c) => c.path))

  for (const candidate of discovery.candidates) {
    let formats = candidate.formats
    let whole: string | undefined
    if (candidate.needsSniff) {
      const head = source.read(candidate.path, maxBytes, SNIFF_BYTES)
      if (!head.ok) {
        problems.push({
          file: candidate.path,
          message: `skipped: ${head.reason}`,
          level: 'warning',
        })
        continue
      }
      formats = formats.filter(
        (f) => f.sniff?.(head.text, candidate.path) ?? false,
      )
      if (formats.length === 0) {
        notManifests.push({
          path: candidate.path,
          reason: 'content does not look like any agent manifest',
        })
        continue
      }
      if (head.complete) whole = head.text
    }
    const outcome =
      whole === undefined
        ? source.read(candidate.path, maxBytes)
        : { ok: true as const, text: whole }
    if (!outcome.ok) {
      problems.push({
        file: candidate.path,
        message: `skipped: ${outcome.reason}`,
        level: 'warning',
      })
      continue
    }
    parsed += 1
    const file: ManifestFile = {
      path: candidate.path,
      text: outcome.text,
      readSibling,
    }
    const parsedBy = parseWithFirstFormat(file, formats)
    const result = parsedBy.result
    if (result.rejected) {
      notManifests.push({ path: candidate.path, reason: result.rejected })
    } else {
      manifests.push({
        path: candidate.path,
        format: parsedBy.format,
        agents: result.agents.length,
      })
    }
    problems.push(...result.problems)
    contextNotes.push(...(result.context ?? []))
    if (result.agents.length > 0) {
      problems.push(...applyEmbeddedAivss(result, candidate.path))
      profilesByFile.set(candidate.path, result.agents)
    }
  }

  for (const [manifest, sidecar] of discovery.sidecars) {
    const agents = profilesByFile.get(manifest)
    const text = readSibling(sidecar)
    if (text === undefined) {
      problems.push({
        file: sidecar,
        message: 'skipped: sidecar could not be read',
        level: 'warning',
      })
    } else if (!agents) {
      problems.push({
        file: sidecar,
        message: `sidecar of ${manifest}, which holds no agent aivss-gate recognises`,
        help: 'Rename it to <name>.aivss.yml and give it a name to make it a descriptor of its own.',
        level: 'warning',
      })
    } else {
      problems.push(...applySidecar(sidecar, text, agents))
    }
  }

  const profiles = [...profilesByFile.values()].flat()
  linkSubAgents(profiles)
  attachContext(profiles, contextNotes)
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
  return {
    root: options.root,
    assessments,
    problems: sortProblems(problems),
    discovery,
    parsed,
    notManifests,
    manifests,
  }
}

function parseWithFirstFormat(
  file: ManifestFile,
  formats: readonly FormatModule[],
): { readonly result: FormatResult; readonly format: string } {
  let firstRejection: { result: FormatResult; format: string } | undefined
  for (const format of formats) {
    let result: FormatResult
    try {
      result = format.parse(file)
    } catch (error) {
      // A format must not throw; if one does, report it and keep going.
      const message = `${format.title} reader failed: ${errorMessage(error)}`
      return {
        result: {
          agents: [],
          problems: [{ file: file.path, message, level: 'error' }],
        },
        format: format.id,
      }
    }
    if (!result.rejected) return { result, format: format.id }
    firstRejection ??= { result, format: format.id }
  }
  return (
    firstRejection ?? {
      result: {
        agents: [],
        problems: [],
        rejected: 'no format accepted its content',
      },
      format: '',
    }
  )
}

/**
 * A top-level `aivss:` block in any YAML or JSON manifest applies to every
 * agent of the file, under whatever the format itself declared.
 */
function applyEmbeddedAivss(result: FormatResult, file: string): Problem[] {
  const doc = result.document
  if (!doc || !isRecord(doc.value) || doc.value.aivss === undefined) return []
  const block = readAivssBlock(doc, doc.value.aivss, ['aivss'], file)
  if (block.declared) {
    for (const agent of result.agents)
      agent.aivss = mergeDeclared(block.declared, agent.aivss)
  }
  return block.problems
}

/** Gives each agent the prose notes (AGENTS.md) of the trees it lives in. */
function attachContext(
  profiles: readonly AgentProfile[],
  notes: readonly ContextNote[],
): void {
  for (const note of notes) {
    const prefix =
      note.scope === '' || note.scope.endsWith('/')
        ? note.scope
        : `${note.scope}/`
    for (const profile of profiles) {
      if (
        profile.source.file.startsWith(prefix) &&
        !profile.context.includes(note.file)
      ) {
        profile.context.push(note.file)
      }
    }
  }
}

/**
 * Points each sub-agent at the agent that lists it when they live in
 * different files (formats link agents within one file themselves). A
 * candidate must be unclaimed, near the parent (its directory or the one
 * above, where config folders such as `.claude-plugin/` or `config/` sit),
 * and of the same format family (or an aivss descriptor): a name alone is not
 * enough to tie a Claude Code subagent to an OpenCode agent.
 */
function linkSubAgents(profiles: readonly AgentProfile[]): void {
  for (const parent of profiles) {
    const scope = parentDir(dirOf(parent.source.file))
    for (const childName of parent.subAgents) {
      const named = profiles.filter((p) => p !== parent && p.name === childName)
      if (
        named.some(
          (p) =>
            p.source.file === parent.source.file || p.parent === parent.name,
        )
      )
        continue
      const candidates = named.filter(
        (p) =>
          p.parent === undefined &&
          p.source.file.startsWith(scope) &&
          (family(p.format) === family(parent.format) ||
            p.format === 'aivss-descriptor'),
      )
      const child =
        candidates.find(
          (p) => dirOf(p.source.file) === dirOf(parent.source.file),
        ) ??
        [...candidates].sort(
          (a, b) => a.source.file.length - b.source.file.length,
        )[0]
      if (child) child.parent = parent.name
    }
  }
}

function dirOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/') + 1)
}

function parentDir(dir: string): string {
  const trimmed = dir.replace(/\/$/, '')
  return trimmed.includes('/')
    ? trimmed.slice(0, trimmed.lastIndexOf('/') + 1)
    : ''
}

/** `claude-code-plugin` and `claude-code-subagent` are one family. */
function family(format: string): string {
  return format.split('-')[0] ?? format
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
