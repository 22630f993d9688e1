import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ManifestFile } from '../../src/core/manifest/types.js'

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))
export const REPO = fileURLToPath(new URL('../../', import.meta.url))

/** A ManifestFile for a fixture, read the way the scanner reads it. */
export function fixtureFile(path: string): ManifestFile {
  const full = join(FIXTURES, path)
  return {
    path,
    text: readFileSync(full, 'utf8'),
    readSibling: (other) => {
      try {
        return readFileSync(join(FIXTURES, other), 'utf8')
      } catch {
        return undefined
      }
    },
  }
}

/** A ManifestFile from inline text. */
export function textFile(
  path: string,
  text: string,
  siblings: Record<string, string> = {},
): ManifestFile {
  return { path, text, readSibling: (other) => siblings[other] }
}

/** Writes a throwaway directory tree: path → content. */
export function tempTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'aivss-gate-'))
  for (const [path, content] of Object.entries(files)) put(root, path, content)
  return root
}

/** Writes `content` at `path` under `root`, creating its directories. */
export function put(
  root: string,
  path: string,
  content: string | Uint8Array,
): void {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), content)
}
