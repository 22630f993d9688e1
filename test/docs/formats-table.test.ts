import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FORMATS } from '../../src/core/formats/index.js'
import { REPO } from '../support/files.js'
// @ts-expect-error: a build script in plain JavaScript, without types
import { formatsTable } from '../../scripts/formats-table.mjs'

/**
 * The README's formats table is generated from the formats' MAPPING.md
 * files, so it can say neither more nor less than the folders do.
 */
const readme = readFileSync(join(REPO, 'README.md'), 'utf8')
const table = (formatsTable as (root: string) => string)(REPO)

describe('the README formats table', () => {
  it('is the table the MAPPING.md files give (npm run generate writes it)', () => {
    const between = /<!-- formats:start -->\n([\s\S]*?)\n<!-- formats:end -->/
    expect(between.exec(readme)?.[1]).toBe(table)
  })

  it('has one row for each format the scanner reads', () => {
    const ids = [...table.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1])
    expect(ids).toEqual(FORMATS.map((format) => format.id).sort())
  })
})
