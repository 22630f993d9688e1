import { asRecord, type DataRecord } from '../parse/data.js'
import {
  parseJsonDocument,
  parseStructured,
  parseYamlDocument,
  type ParsedDocument,
} from '../parse/document.js'
import { problemFrom, type Problem } from '../problems.js'
import type { FormatResult, ManifestFile } from './types.js'

/** The file is not this format after all: the scanner tries the next one. */
export function rejected(reason: string): FormatResult {
  return { agents: [], problems: [], rejected: reason }
}

/** A problem in a manifest, with the line and field it concerns. */
export function problem(
  file: string,
  line: number | undefined,
  message: string,
  options: { field?: string; help?: string; level?: 'error' | 'warning' } = {},
): Problem {
  return {
    file,
    line,
    message,
    field: options.field,
    help: options.help,
    level: options.level ?? 'error',
  }
}

/**
 * A warning for a value that is not one of the values a field allows:
 * `unknown permissionMode "x"`, with the allowed values as help.
 */
export function unknownValue(
  file: string,
  line: number | undefined,
  label: string,
  value: string,
  allowed: readonly string[],
  field = label,
): Problem {
  return problem(file, line, `unknown ${label} "${value}"`, {
    field,
    level: 'warning',
    help: `Use one of ${allowed.join(', ')}.`,
  })
}

export type Parsed =
  | { readonly ok: true; readonly doc: ParsedDocument }
  | { readonly ok: false; readonly result: FormatResult }

export type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly result: FormatResult }

/**
 * Reads a manifest with one of the readers of parse/ (JSON, YAML, HCL): the
 * ManifestError a reader throws for a syntax error or a hostile text
 * becomes the format's result, a problem naming the file and line.
 */
export function readManifest<T>(
  file: ManifestFile,
  read: (text: string, path: string) => T,
): Read<T> {
  try {
    return { ok: true, value: read(file.text, file.path) }
  } catch (error) {
    return {
      ok: false,
      result: { agents: [], problems: [problemFrom(error, file.path)] },
    }
  }
}

/**
 * Parses a manifest as JSON(C) or YAML (by its name, or as asked); a syntax
 * error becomes the format's result, naming the file and line.
 */
export function parseManifest(
  file: ManifestFile,
  as: 'json' | 'yaml' | 'auto' = 'auto',
): Parsed {
  const read = readManifest(
    file,
    as === 'json'
      ? parseJsonDocument
      : as === 'yaml'
        ? parseYamlDocument
        : parseStructured,
  )
  return read.ok ? { ok: true, doc: read.value } : read
}

export type ParsedMapping =
  | {
      readonly ok: true
      readonly doc: ParsedDocument
      /** The top-level mapping. */
      readonly root: DataRecord
    }
  | { readonly ok: false; readonly result: FormatResult }

/**
 * Parses a manifest that holds a mapping at the top (a JSON object): a
 * syntax error is a problem, as with parseManifest. Any other top level
 * means the file is not this format, and it is rejected with `notMapping`;
 * or, for a file the format claims by its name, it is the problem given.
 */
export function parseMapping(
  file: ManifestFile,
  as: 'json' | 'yaml' | 'auto',
  notMapping: string | { readonly problem: string; readonly help?: string },
): ParsedMapping {
  const parsed = parseManifest(file, as)
  if (!parsed.ok) return parsed
  const { doc } = parsed
  const root = asRecord(doc.value)
  if (root) return { ok: true, doc, root }
  if (typeof notMapping === 'string')
    return { ok: false, result: rejected(notMapping) }
  return {
    ok: false,
    result: {
      agents: [],
      problems: [
        problem(file.path, 1, notMapping.problem, { help: notMapping.help }),
      ],
      document: doc,
    },
  }
}
