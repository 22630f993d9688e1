import type { Candidate } from '../discovery/discover.js'
import type { ReadOutcome } from '../discovery/read-file.js'
import type { FileSource } from '../discovery/source.js'
import { errorMessage } from '../errors.js'
import { mergeDeclared, readAivssBlock } from '../manifest/aivss-block.js'
import type {
  ContextNote,
  SkillDeclaration,
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import { isRecord } from '../parse/data.js'
import type { Problem, UnreadableKind } from '../problems.js'
import type { AgentProfile } from '../profile/schema.js'

/** How much of a generic-named file its formats may look at to claim it. */
export const SNIFF_BYTES = 16 * 1024

/**
 * Other files one manifest may have read (its tool definitions, prompts,
 * sub-agent files). A hostile manifest naming a hundred thousand would
 * otherwise cost as many file-system calls.
 */
export const MAX_SIBLING_READS = 256

/** Reads the files a manifest names, each once, up to the budget. */
function siblingReader(
  source: FileSource,
  maxBytes: number,
): ((path: string) => string | undefined) & { refused: number } {
  const read = new Map<string, string | undefined>()
  const reader = Object.assign(
    (other: string): string | undefined => {
      if (read.has(other)) return read.get(other)
      if (read.size >= MAX_SIBLING_READS) {
        reader.refused += 1
        return undefined
      }
      const sibling = source.readRelative(other, maxBytes)
      const text = sibling.ok ? sibling.text : undefined
      read.set(other, text)
      return text
    },
    { refused: 0 },
  )
  return reader
}

/**
 * Agents scored from one file. Scoring costs a fraction of a millisecond an
 * agent, and a 2 MiB file of one-line agents would hold over a hundred
 * thousand: the rest are reported, not scored, so the run stays short.
 */
export const MAX_AGENTS_PER_FILE = 1000

/** What became of one candidate file. */
export interface CandidateOutcome {
  readonly path: string
  /** Read whole and handed to a format. */
  readonly parsed: boolean
  readonly agents: readonly AgentProfile[]
  readonly problems: readonly Problem[]
  readonly context: readonly ContextNote[]
  /** Agent Skills it declares (SKILL.md). */
  readonly skills?: readonly SkillDeclaration[]
  /** The format that read it, and how many agents it held. */
  readonly manifest?: { readonly format: string; readonly agents: number }
  /** Why it is not a manifest after all. */
  readonly notManifest?: string
}

/**
 * Reads one candidate: sniffs it when its name is generic, reads it whole,
 * and lets the first format that accepts its content turn it into profiles,
 * with any top-level `aivss:` block applied. Never throws. `readAhead`: its
 * first SNIFF_BYTES, when they were read ahead.
 */
export function readCandidate(
  source: FileSource,
  candidate: Candidate,
  maxBytes: number,
  readAhead?: ReadOutcome,
): CandidateOutcome {
  const path = candidate.path
  let formats = candidate.formats
  let whole: string | undefined
  if (candidate.needsSniff) {
    const head = readAhead ?? source.read(path, maxBytes, SNIFF_BYTES)
    // A generic name that cannot even be sniffed may still have been a
    // manifest on the base: it counts only where the base held agents.
    if (!head.ok) return skipped(path, head.reason, 'possible')
    // Most generic files end here: this runs tens of thousands of times.
    const sniffed: FormatModule[] = []
    for (const format of formats)
      if (format.sniff?.(head.text, path)) sniffed.push(format)
    if (sniffed.length === 0) return { path, ...NOT_A_MANIFEST }
    formats = sniffed
    if (head.complete) whole = head.text
  }
  const outcome =
    whole === undefined
      ? source.read(path, maxBytes)
      : { ok: true as const, text: whole }
  if (!outcome.ok) return skipped(path, outcome.reason, 'claimed')
  if (!candidate.needsSniff && formats.length > candidate.claimed) {
    // A name one format owns may still be generic to others (`agent.yaml`):
    // those others get the file only if its content looks like theirs.
    const head = outcome.text.slice(0, SNIFF_BYTES)
    formats = formats.filter(
      (f, i) => i < candidate.claimed || (f.sniff?.(head, path) ?? false),
    )
  }
  const siblings = siblingReader(source, maxBytes)
  const file: ManifestFile = {
    path,
    text: outcome.text,
    readSibling: siblings,
  }
  const { result, format } = parseWithFirstFormat(file, formats)
  const problems = unreadableProblems(result)
  // A cap leaves part of the file unjudged: an agent must not hide past it,
  // so the file counts as an unreadable manifest (manifest-errors), and a
  // pull request that takes it past the cap fails the default preset.
  if (siblings.refused > 0) {
    problems.push({
      file: path,
      message: `names ${MAX_SIBLING_READS + siblings.refused} other files to read; only the first ${MAX_SIBLING_READS} were read`,
      level: 'warning',
      unreadable: 'claimed',
      help: 'No real manifest refers to this many files: split it, or treat it as hostile.',
    })
  }
  if (result.agents.length > MAX_AGENTS_PER_FILE) {
    problems.push({
      file: path,
      message: `declares ${result.agents.length} agents; only the first ${MAX_AGENTS_PER_FILE} are scored`,
      level: 'warning',
      unreadable: 'claimed',
      help: 'No real manifest holds this many agents: split the file, or treat it as hostile.',
    })
    result.agents.length = MAX_AGENTS_PER_FILE
  }
  if (result.agents.length > 0)
    for (const problem of applyEmbeddedAivss(result, path))
      problems.push(problem)
  return {
    path,
    parsed: true,
    agents: result.agents,
    problems,
    context: result.context ?? [],
    ...(result.skills ? { skills: result.skills } : {}),
    ...(result.rejected
      ? { notManifest: result.rejected }
      : { manifest: { format, agents: result.agents.length } }),
  }
}

/** What a generic file whose head no format recognises comes to. */
const NOT_A_MANIFEST = Object.freeze({
  parsed: false,
  agents: Object.freeze([]),
  context: Object.freeze([]),
  problems: Object.freeze([]),
  notManifest: 'content does not look like any agent manifest',
})

function skipped(
  path: string,
  reason: string,
  unreadable: UnreadableKind,
): CandidateOutcome {
  return {
    path,
    parsed: false,
    agents: [],
    context: [],
    problems: [
      {
        file: path,
        message: `${unreadable === 'claimed' ? 'unreadable manifest' : 'skipped'}: ${reason}`,
        level: 'warning',
        unreadable,
      },
    ],
  }
}

/**
 * The format's problems, marked when the file came to no agent: a path a
 * format claims (or content a format recognised) that yields nothing
 * because of a parse error is an unreadable manifest, not a quiet absence.
 * A file its format declines (a CrewAI tasks.yaml, a plugin's marketplace
 * listing) is not a manifest; where the base held agents in it, the
 * comparison lists them as now unreadable.
 */
function unreadableProblems(result: FormatResult): Problem[] {
  if (result.agents.length > 0 || result.rejected !== undefined)
    return [...result.problems]
  if (!result.problems.some((p) => p.level === 'error'))
    return [...result.problems]
  return result.problems.map((p) =>
    p.level === 'error' ? { ...p, unreadable: 'claimed' } : p,
  )
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
