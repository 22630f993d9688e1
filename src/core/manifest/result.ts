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

export type Parsed =
  | { readonly ok: true; readonly doc: ParsedDocument }
  | { readonly ok: false; readonly result: FormatResult }

/**
 * Parses a manifest as JSON(C) or YAML (by its name, or as asked); a syntax
 * error becomes the format's result, naming the file and line.
 */
export function parseManifest(
  file: ManifestFile,
  as: 'json' | 'yaml' | 'auto' = 'auto',
): Parsed {
  try {
    const doc =
      as === 'json'
        ? parseJsonDocument(file.text, file.path)
        : as === 'yaml'
          ? parseYamlDocument(file.text, file.path)
          : parseStructured(file.text, file.path)
    return { ok: true, doc }
  } catch (error) {
    return {
      ok: false,
      result: { agents: [], problems: [problemFrom(error, file.path)] },
    }
  }
}

/** The final path segment, and the directory part (with a trailing slash, or ''). */
export function splitPath(path: string): {
  readonly dir: string
  readonly name: string
} {
  const cut = path.lastIndexOf('/')
  return { dir: path.slice(0, cut + 1), name: path.slice(cut + 1) }
}
