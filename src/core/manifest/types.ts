import type { ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import type { AgentProfile, Tool } from '../profile/schema.js'

/**
 * The contract of one manifest format. Each format lives in one module under
 * `src/core/formats/` that default-exports a FormatModule; the registry picks
 * it up, so adding a format means adding that file and its fixtures.
 */
export interface FormatModule {
  /** Stable id used in reports and policies (`crewai`, `a2a-agent-card`…). */
  readonly id: string
  /** Human name for reports. */
  readonly title: string
  /** Tried before formats with a lower priority when several claim a file. */
  readonly priority?: number
  /**
   * Decides candidacy from the path alone (relative, forward slashes):
   * `yes` — this name is this format's; `maybe` — a generic name whose
   * content must be sniffed; `no` — not this format.
   */
  matchPath(path: string): Candidacy
  /**
   * Lower-case endings of the file name (`.json`, or `roomodes`: at most a
   * leading dot) beyond which matchPath always answers `no`. Discovery asks
   * the format only about names with one of these endings, which spares
   * asking thirty formats about every source file of a monorepo. Without
   * it, the format is asked about every file.
   */
  readonly nameEndings?: readonly string[]
  /** For `maybe` paths: looks at the first bytes only. */
  sniff?(head: string, path: string): boolean
  /** Turns the file into profiles; never throws for bad content. */
  parse(file: ManifestFile): FormatResult
}

export type Candidacy = 'yes' | 'maybe' | 'no'

export interface ManifestFile {
  /** Path relative to the scan root, with forward slashes. */
  readonly path: string
  readonly text: string
  /** Reads another file of the scan root (same rules and limits), if present. */
  readSibling(path: string): string | undefined
}

export interface FormatResult {
  readonly agents: AgentProfile[]
  readonly problems: Problem[]
  /** Set when the file turns out not to be this format after all. */
  readonly rejected?: string
  /**
   * The parsed document, when the format is YAML or JSON (or has YAML front
   * matter). The scanner honours a top-level `aivss:` block in it for every
   * agent of the file, so formats need not.
   */
  readonly document?: ParsedDocument
  /**
   * Prose that applies to the agents of a directory tree (AGENTS.md): it is
   * attached to every agent under `scope` as context, never an agent itself.
   */
  readonly context?: readonly ContextNote[]
  /**
   * Agent Skills the file declares (`SKILL.md`): never agents themselves,
   * they are listed in the report and folded into the agents that load
   * them (see pipeline/relate.ts).
   */
  readonly skills?: readonly SkillDeclaration[]
}

export interface SkillDeclaration {
  readonly name: string
  readonly description?: string | undefined
  readonly file: string
  readonly line: number
  /** Directory (relative, '' for the root) whose agents can load it. */
  readonly scope: string
  /** Format ids of the agents that load it; empty: any agent in scope. */
  readonly hosts: readonly string[]
  /** What it grants: its allowed tools and its bundled scripts. */
  readonly tools: readonly Tool[]
  readonly scripts: ReadonlyArray<{
    readonly path: string
    readonly language: string
  }>
}

export interface ContextNote {
  /** Directory (relative, forward slashes, '' for the root) the note covers. */
  readonly scope: string
  /** Where the note comes from, for the report. */
  readonly file: string
  readonly text: string
}

/** Helper for formats: the document's line for a path, or a fallback. */
export function lineAt(
  doc: ParsedDocument,
  path: readonly (string | number)[],
  fallback = 1,
): number {
  return doc.lineOf(path) ?? fallback
}
