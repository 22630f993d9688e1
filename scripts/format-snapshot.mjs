// What every format makes of every file it could read, and the JSON report
// of the fixtures and of a corpus, written to one directory: run it before
// and after a change to the formats and compare the directories byte for
// byte (`cmp`, `diff -r`). A refactoring keeps them identical.
//
//   npm run compile && node scripts/format-snapshot.mjs OUT [--corpus DIR]
//
// Per file and format: the profiles, problems and rejection parse() returns
// (the parsed document left out), for every file under test/fixtures whose
// path the format claims (`yes`, or `maybe` and the head sniffs as it).
import './resolve-cvss.mjs'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const { FORMATS } = await import(
  new URL('../lib/core/formats/index.js', import.meta.url)
)
const { runGate } = await import(
  new URL('../lib/core/gate.js', import.meta.url)
)
const { renderJson } = await import(
  new URL('../lib/core/render/json.js', import.meta.url)
)

const args = process.argv.slice(2)
const out = args[0]
if (!out || out.startsWith('--')) {
  process.stderr.write(
    'usage: node scripts/format-snapshot.mjs OUT [--corpus DIR]\n',
  )
  process.exit(2)
}
const corpusAt = args.indexOf('--corpus')
const corpus = corpusAt >= 0 ? args[corpusAt + 1] : undefined
const root = fileURLToPath(new URL('../test/fixtures/', import.meta.url))
mkdirSync(out, { recursive: true })

const files = readdirSync(root, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) =>
    relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'),
  )
  .sort()

const lines = []
for (const path of files) {
  const text = readFileSync(join(root, path), 'utf8')
  for (const format of FORMATS) {
    const candidacy = format.matchPath(path)
    if (candidacy === 'no') continue
    if (candidacy === 'maybe' && !format.sniff?.(text.slice(0, 8192), path))
      continue
    const file = {
      path,
      text,
      readSibling(other) {
        try {
          return readFileSync(join(root, other), 'utf8')
        } catch {
          return undefined
        }
      },
    }
    let result
    try {
      const { document: _document, ...rest } = format.parse(file)
      result = rest
    } catch (error) {
      result = { threw: String(error) }
    }
    lines.push(JSON.stringify({ path, format: format.id, result }))
  }
}
writeFileSync(join(out, 'parse.jsonl'), `${lines.join('\n')}\n`)

function report(dir, name) {
  const run = runGate({
    root: dir,
    cwd: dir,
    policy: 'permissive',
    today: '2026-01-15',
  })
  writeFileSync(join(out, name), renderJson(run.report))
}
report(root, 'fixtures.json')
if (corpus) report(corpus, 'corpus.json')
process.stdout.write(
  `${lines.length} file-and-format results from ${files.length} files${corpus ? ', and the corpus' : ''} written to ${out}\n`,
)
