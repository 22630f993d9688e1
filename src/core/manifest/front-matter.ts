import { asRecord, type DataRecord } from '../parse/data.js'
import { parseYamlDocument, type ParsedDocument } from '../parse/document.js'
import { problemFrom, type Problem } from '../problems.js'
import { addNote } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'
import { readLenientFrontMatter } from './lenient-front-matter.js'
import { problem, rejected } from './result.js'
import type { FormatResult, ManifestFile } from './types.js'

/**
 * Markdown with YAML front matter, the shape of Claude Code subagents,
 * Copilot custom agents and chat modes, OpenCode agents and others.
 */
export interface FrontMatterFile {
  /** The front matter, with line numbers of the whole file. */
  readonly document: ParsedDocument
  /** The markdown after the closing fence: usually the agent's instructions. */
  readonly body: string
  /** 1-based line where the body starts. */
  readonly bodyLine: number
  /**
   * Set when the front matter is not valid YAML and was read line by line,
   * as the host reads it: the YAML error the strict parse gave.
   */
  readonly lenient?: Problem | undefined
}

/** The note a profile carries when its front matter was read leniently. */
export const LENIENT_FRONT_MATTER_NOTE =
  'front matter is not valid YAML; read line by line, as the host program reads it'

const OPENING = /^\uFEFF?---[ \t]*\r?\n/

/** Whether the text starts with a front matter fence. */
export function hasFrontMatter(text: string): boolean {
  return OPENING.test(text)
}

/**
 * Splits front matter from the body. Returns undefined when there is no
 * front matter; throws ManifestError (with the line) when it is not YAML.
 */
export function splitFrontMatter(
  text: string,
  file: string,
  /** Read YAML the strict parser refuses line by line, as lenient hosts do. */
  lenient = false,
): FrontMatterFile | undefined {
  const opening = OPENING.exec(text)
  if (!opening) return undefined
  const rest = text.slice(opening[0].length)
  const closing = /^(---|\.\.\.)[ \t]*$/m.exec(rest)
  if (!closing) return undefined
  const yaml = rest.slice(0, closing.index)
  let document: ParsedDocument
  let refused: Problem | undefined
  try {
    document = parseYamlDocument(yaml, file, 1)
  } catch (error) {
    if (!lenient) throw error
    refused = problemFrom(error, file)
    document = readLenientFrontMatter(yaml, file, 1)
  }
  const afterFence = rest
    .slice(closing.index + closing[0].length)
    .replace(/^\r?\n/, '')
  const bodyLine = 2 + countLines(yaml) + 1
  return { document, body: afterFence, bodyLine, lenient: refused }
}

/** The front matter block at the start of a text, without its fences. */
export function frontMatterBlock(head: string): string | undefined {
  const opening = OPENING.exec(head)
  if (!opening) return undefined
  const rest = head.slice(opening[0].length)
  const closing = /^(---|\.\.\.)[ \t]*$/m.exec(rest)
  return closing ? rest.slice(0, closing.index) : undefined
}

/**
 * Top-level keys of the front matter at the start of a text, if any: what a
 * sniff can tell from the first bytes without parsing YAML.
 */
export function frontMatterKeys(head: string): Set<string> | undefined {
  const block = frontMatterBlock(head)
  if (block === undefined) return undefined
  return new Set(
    [...block.matchAll(/^(['"]?)([A-Za-z_][\w-]*)\1[ \t]*:/gm)].map(
      (m) => m[2] ?? '',
    ),
  )
}

/** How a format reads an agent file of Markdown with front matter. */
export interface FrontMatterRules {
  /** Why a file without front matter is not this format. */
  readonly missing: string
  /** Whether front matter opened and never closed is a problem; else it is missing. */
  readonly reportUnclosed?: boolean
  readonly unclosedHelp?: string
  /** The problem when the front matter is not a mapping of fields. */
  readonly notMapping: string
  readonly notMappingHelp?: string
  /**
   * The host loads front matter that is not valid YAML (plain scalars
   * holding `: `): read it line by line when the strict parse fails.
   */
  readonly lenient?: boolean
}

export type FrontMatterRead =
  | {
      readonly ok: true
      readonly fm: FrontMatterFile
      /** The front matter's fields. */
      readonly data: DataRecord
    }
  | { readonly ok: false; readonly result: FormatResult }

/**
 * Reads the front matter of an agent file: YAML errors, front matter that is
 * never closed and front matter that is not a mapping become the format's
 * result (with their lines); a file without front matter is rejected.
 */
export function readFrontMatter(
  file: ManifestFile,
  rules: FrontMatterRules,
): FrontMatterRead {
  let fm: FrontMatterFile | undefined
  try {
    fm = splitFrontMatter(file.text, file.path, rules.lenient ?? false)
  } catch (error) {
    return {
      ok: false,
      result: { agents: [], problems: [problemFrom(error, file.path)] },
    }
  }
  if (!fm) {
    if ((rules.reportUnclosed ?? true) && hasFrontMatter(file.text))
      return {
        ok: false,
        result: {
          agents: [],
          problems: [
            problem(
              file.path,
              1,
              'the front matter opened on line 1 is never closed with ---',
              { help: rules.unclosedHelp },
            ),
          ],
        },
      }
    return { ok: false, result: rejected(rules.missing) }
  }
  const data = asRecord(fm.document.value)
  if (!data)
    return {
      ok: false,
      result: {
        agents: [],
        problems: [
          problem(file.path, 2, rules.notMapping, {
            help: rules.notMappingHelp,
          }),
        ],
        document: fm.document,
      },
    }
  return { ok: true, fm, data }
}

/**
 * What a format adds when the front matter was read leniently: a note on
 * the agent and a warning naming the YAML error, so the author can fix it.
 */
export function noteLenientRead(
  fm: FrontMatterFile,
  profile: AgentProfile,
  problems: Problem[],
): void {
  if (!fm.lenient) return
  addNote(profile, LENIENT_FRONT_MATTER_NOTE)
  problems.push({
    ...fm.lenient,
    level: 'warning',
    message: `${fm.lenient.message}; read line by line, as the host program reads it`,
    help: 'Quote values that hold ": " so that every YAML reader agrees on them.',
  })
}

/**
 * The front matter fields of another file (a sibling read for its name or
 * description); undefined when there is no file, no front matter, or it is
 * not YAML.
 */
export function frontMatterData(
  text: string | undefined,
  path: string,
): DataRecord | undefined {
  if (text === undefined) return undefined
  try {
    return asRecord(splitFrontMatter(text, path)?.document.value)
  } catch {
    return undefined
  }
}

function countLines(text: string): number {
  let lines = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++
  return lines
}
