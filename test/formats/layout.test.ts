import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { REPO } from '../support/files.js'

/**
 * The layout of src/core/formats/: one folder per format that reads top to
 * bottom (index.ts, schema.ts, map*.ts, MAPPING.md), files small enough to
 * read, shapes checked by the schema rather than by hand, and imports from
 * the folder, the kit and zod only, so that each format can be read,
 * changed or removed on its own. Every format is a folder: a module file
 * beside index.ts would be a format outside these rules.
 */

const BUDGET = {
  fileLines: 400,
  medianFileLines: 200,
  functionLines: 80,
  accessorCalls: 150,
}

/** Hand-written shape checks, which a folder's schema replaces. */
const ACCESSORS = new Set([
  'asString',
  'asRecord',
  'asArray',
  'asNumber',
  'asBoolean',
  'asText',
  'asNumeric',
  'asStrings',
  'entriesOf',
  'keysOf',
  'isRecord',
  'ownValue',
])

const KIT = '../../manifest/kit.js'
const FORMATS = join(REPO, 'src/core/formats')

const entries = readdirSync(FORMATS).sort()
const folders = entries.filter((name) =>
  statSync(join(FORMATS, name)).isDirectory(),
)
const singleFiles = entries
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .map((name) => name.replace(/\.ts$/, ''))

interface SourceFile {
  readonly path: string
  readonly text: string
  readonly lines: number
}

function folderFiles(folder: string): SourceFile[] {
  return readdirSync(join(FORMATS, folder), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(FORMATS, folder, name), 'utf8')
      return {
        path: `${folder}/${name}`,
        text,
        lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
      }
    })
}

const moved = folders.flatMap(folderFiles)

function parseSource(file: SourceFile): ts.SourceFile {
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true)
}

function moduleSpecifiers(source: ts.SourceFile): string[] {
  const specifiers: string[] = []
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      specifiers.push(node.moduleSpecifier.text)
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      specifiers.push(node.arguments[0].text)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return specifiers
}

/** Functions (declarations, methods, arrows) and their length in lines. */
function functionLengths(
  source: ts.SourceFile,
): Array<{ name: string; lines: number }> {
  const out: Array<{ name: string; lines: number }> = []
  const visit = (node: ts.Node): void => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node)
    ) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const name =
        (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) &&
        node.name
          ? node.name.getText(source)
          : `(anonymous at line ${start + 1})`
      out.push({ name, lines: end - start + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

function accessorCalls(source: ts.SourceFile): number {
  let calls = 0
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      ACCESSORS.has(node.expression.text)
    )
      calls++
    ts.forEachChild(node, visit)
  }
  visit(source)
  return calls
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

describe('the formats folder', () => {
  it('holds every format as a folder, and no single-file format', () => {
    expect(folders.length).toBeGreaterThanOrEqual(30)
    expect(singleFiles).toEqual([])
    // The generated index imports each of them.
    const index = readFileSync(join(FORMATS, 'index.ts'), 'utf8')
    for (const folder of folders)
      expect(index).toContain(`from './${folder}/index.js'`)
  })

  it.each(folders)(
    '%s has index.ts, schema.ts with zod, map.ts and MAPPING.md',
    (folder) => {
      const names = readdirSync(join(FORMATS, folder)).map(String)
      expect(names).toContain('index.ts')
      expect(names).toContain('schema.ts')
      expect(names).toContain('MAPPING.md')
      expect(names.some((name) => /^map(-[\w-]+)?\.ts$/.test(name))).toBe(true)
      const schema = readFileSync(join(FORMATS, folder, 'schema.ts'), 'utf8')
      expect(schema).toMatch(/from 'zod'/)
      const mapping = readFileSync(join(FORMATS, folder, 'MAPPING.md'), 'utf8')
      expect(mapping).toMatch(/^# /)
      expect(mapping).toMatch(/\*\*Files read:\*\*/)
    },
  )

  it('keeps the files of moved formats short', () => {
    const long = moved
      .filter((file) => file.lines > BUDGET.fileLines)
      .map((file) => `${file.path}: ${file.lines} lines`)
    expect(long).toEqual([])
    if (moved.length > 0)
      expect(median(moved.map((file) => file.lines))).toBeLessThanOrEqual(
        BUDGET.medianFileLines,
      )
  })

  it('keeps each function of a moved format under 80 lines', () => {
    const long = moved.flatMap((file) =>
      functionLengths(parseSource(file))
        .filter((f) => f.lines > BUDGET.functionLines)
        .map((f) => `${file.path} ${f.name}: ${f.lines} lines`),
    )
    expect(long).toEqual([])
  })

  it('leaves shape checks to the schemas (at most 150 accessor calls)', () => {
    const calls = moved.reduce(
      (sum, file) => sum + accessorCalls(parseSource(file)),
      0,
    )
    expect(calls).toBeLessThanOrEqual(BUDGET.accessorCalls)
  })

  it.each(moved.map((file) => file.path))(
    '%s imports only from its folder, the kit and zod',
    (path) => {
      const file = moved.find((f) => f.path === path)
      if (!file) throw new Error(path)
      const outside = moduleSpecifiers(parseSource(file)).filter(
        (specifier) =>
          !(
            specifier === 'zod' ||
            specifier === KIT ||
            /^\.\/[\w.-]+\.js$/.test(specifier)
          ),
      )
      expect(outside).toEqual([])
    },
  )

  it('holds no TOML or HCL reader: those live in src/core/parse/', () => {
    const readers = moved.filter(
      (file) =>
        moduleSpecifiers(parseSource(file)).includes('smol-toml') ||
        /\bclass\s+\w*Hcl\w*|\bfunction\s+(parse|read|tokeni[sz]e)(Hcl|Toml)\w*/.test(
          file.text,
        ),
    )
    expect(readers.map((file) => file.path)).toEqual([])
  })
})
