// Bundles the compiled JavaScript in lib/ into the committed entry points,
// dist/index.js (the Action) and dist/cli.js (the CLI), and the programs
// they run as child processes, dist/action.js and dist/cli-main.js. Each
// runs with plain `node` and nothing installed.
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const ncc = join(
  dirname(createRequire(import.meta.url).resolve('@vercel/ncc/package.json')),
  'dist/ncc/cli.js',
)
const work = join(root, '.tmp/ncc')
const dist = join(root, 'dist')
const entries = [
  // Small entry points that start the programs as child processes.
  { input: 'lib/index.js', output: 'index.js' },
  { input: 'lib/cli/index.js', output: 'cli.js' },
  // The programs.
  { input: 'lib/action/program.js', output: 'action.js' },
  { input: 'lib/cli/program.js', output: 'cli-main.js' },
]

rmSync(work, { recursive: true, force: true })
rmSync(dist, { recursive: true, force: true })
mkdirSync(dist, { recursive: true })
for (const entry of entries) {
  const out = join(work, entry.output)
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      join(root, entry.input),
      '-o',
      out,
      '--license',
      'licenses.txt',
      '--quiet',
      '--target',
      'es2022',
    ],
    { stdio: 'inherit' },
  )
  const emitted = readdirSync(out).sort()
  const unexpected = emitted.filter(
    (name) => !['index.js', 'licenses.txt', 'package.json'].includes(name),
  )
  if (unexpected.length > 0) {
    throw new Error(
      `ncc emitted files the bundle would miss: ${unexpected.join(', ')}`,
    )
  }
  let code = asciiOnly(readFileSync(join(out, 'index.js'), 'utf8'))
  if (entry.output === 'cli.js' && !code.startsWith('#!'))
    code = `#!/usr/bin/env node\n${code}`
  writeFileSync(join(dist, entry.output), code)
  // The Action bundle holds the whole core, so its licenses cover the CLI's.
  if (entry.output === 'action.js')
    copyFileSync(join(out, 'licenses.txt'), join(dist, 'licenses.txt'))
}
chmodSync(join(dist, 'cli.js'), 0o755)
// The bundles are ES modules; this marks them so wherever dist/ is copied.
writeFileSync(join(dist, 'package.json'), '{\n  "type": "module"\n}\n')
rmSync(work, { recursive: true, force: true })

/**
 * The bundle with every character beyond ASCII written as a \u escape. A
 * source that is all ASCII is read and compiled as one-byte text, which
 * saves a noticeable part of every start. The characters all sit in strings,
 * regular expressions, templates and comments, where the escape means the
 * same; a raw template (String.raw) or a character after a backslash
 * would not, so either stops the build.
 */
function asciiOnly(code) {
  const escaped = /\\[\u0080-\uffff]/.exec(code)
  if (escaped)
    throw new Error(`a backslash before non-ASCII text: ${escaped[0]}`)
  for (const match of code.matchAll(/String\.raw\s*`[^`]*`/g)) {
    if (/[\u0080-\uffff]/.test(match[0]))
      throw new Error(`a raw template holds non-ASCII text: ${match[0]}`)
  }
  return code.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
