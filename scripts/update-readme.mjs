// Regenerates the README's inputs and outputs tables from action.yml, between
// the <!-- action-inputs --> and <!-- action-outputs --> markers, and its
// formats table from the formats' MAPPING.md files (<!-- formats -->), and
// the help of each rule code scanning links to (<!-- rules -->).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { formatsTable } from './formats-table.mjs'
import { rulesSection } from './rules-section.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const action = parse(readFileSync(`${root}action.yml`, 'utf8'))
const cell = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()

const inputs = [
  '| Input | Description | Default |',
  '|---|---|---|',
  ...Object.entries(action.inputs ?? {}).map(
    ([name, input]) =>
      `| \`${name}\` | ${cell(input.description)} | ${input.default === undefined ? '' : `\`${cell(input.default)}\``} |`,
  ),
].join('\n')
const outputs = [
  '| Output | Description |',
  '|---|---|',
  ...Object.entries(action.outputs ?? {}).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`,
  ),
].join('\n')

const replaceBetween = (text, marker, body) => {
  const pattern = new RegExp(
    `(<!-- ${marker}:start -->)[\\s\\S]*?(<!-- ${marker}:end -->)`,
  )
  if (!pattern.test(text))
    throw new Error(`README.md lacks the ${marker} markers`)
  return text.replace(pattern, (_, start, end) => `${start}\n${body}\n${end}`)
}

const path = `${root}README.md`
const before = readFileSync(path, 'utf8')
const after = [
  ['action-inputs', inputs],
  ['action-outputs', outputs],
  ['formats', formatsTable(root)],
  ['rules', rulesSection()],
].reduce((text, [marker, body]) => replaceBetween(text, marker, body), before)
if (after !== before) writeFileSync(path, after)
