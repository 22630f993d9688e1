import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from '../support/files.js'

/**
 * Adding a format means adding one file in src/core/formats/ and its
 * fixtures: a format module imports from the kit (manifest/, parse/,
 * profile/…), never from another format module, so that each can be read,
 * changed or removed on its own. Only the generated index imports them.
 */
const FORMATS = join(REPO, 'src/core/formats')

function moduleSpecifiers(source: string): string[] {
  const specifiers: string[] = []
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]
  for (const pattern of patterns)
    for (const match of source.matchAll(pattern))
      specifiers.push(match[1] ?? '')
  return specifiers
}

/** A specifier that reaches into src/core/formats/ from a module there. */
function reachesAFormat(specifier: string): boolean {
  return specifier.startsWith('./') || /^\.\.\/formats(\/|$)/.test(specifier)
}

const modules = readdirSync(FORMATS)
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .sort()

describe('format modules stand alone', () => {
  it('finds the format modules and reads the index the way it reads them', () => {
    expect(modules.length).toBeGreaterThanOrEqual(30)
    const index = readFileSync(join(FORMATS, 'index.ts'), 'utf8')
    const siblings = moduleSpecifiers(index).filter(reachesAFormat)
    expect(siblings).toHaveLength(modules.length)
  })

  it.each(modules)('%s imports no other format module', (name) => {
    const source = readFileSync(join(FORMATS, name), 'utf8')
    const siblings = moduleSpecifiers(source).filter(reachesAFormat)
    expect(siblings).toEqual([])
  })
})
