import { describe, expect, it } from 'vitest'
import { ManifestError } from '../../src/core/errors.js'
import {
  MAX_DEPTH,
  parseJsonDocument,
  parseYamlDocument,
} from '../../src/core/parse/document.js'

function manifestError(fn: () => unknown): ManifestError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ManifestError) return error
    throw error
  }
  throw new Error('expected a ManifestError')
}

describe('YAML documents', () => {
  const text = [
    'name: a',
    'tools:',
    '  - name: shell',
    '    kind: shell',
    '  - web',
    'memory:',
    '  kind: session',
    '',
  ].join('\n')

  it('maps paths to the lines of their keys', () => {
    const doc = parseYamlDocument(text, 'a.yml')
    expect(doc.value).toEqual({
      name: 'a',
      tools: [{ name: 'shell', kind: 'shell' }, 'web'],
      memory: { kind: 'session' },
    })
    expect(doc.lineOf(['name'])).toBe(1)
    expect(doc.lineOf(['tools', 0])).toBe(3)
    expect(doc.lineOf(['tools', 0, 'kind'])).toBe(4)
    expect(doc.lineOf(['tools', 1])).toBe(5)
    expect(doc.lineOf(['memory', 'kind'])).toBe(7)
    expect(doc.lineOf(['missing'])).toBeUndefined()
  })

  it('offsets lines for documents embedded in a larger file', () => {
    expect(parseYamlDocument('a: 1\nb: 2\n', 'x.md', 1).lineOf(['b'])).toBe(3)
  })

  it('reports syntax errors with their line', () => {
    const error = manifestError(() =>
      parseYamlDocument('name: a\ntools: [a, b\nother: 1\n', 'bad.yml'),
    )
    expect(error.position.file).toBe('bad.yml')
    expect(error.position.line).toBeGreaterThanOrEqual(2)
    expect(error.message).toMatch(/^invalid YAML/)
  })

  it('keeps __proto__ and constructor as plain keys', () => {
    const doc = parseYamlDocument(
      '__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n',
      'p.yml',
    )
    const value = doc.value as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('bounds alias expansion', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n')
    expect(
      manifestError(() => parseYamlDocument(bomb, 'bomb.yml')).message,
    ).toMatch(/alias|expanded/i)
  })

  it('bounds nesting depth', () => {
    const deep = '['.repeat(MAX_DEPTH + 5) + ']'.repeat(MAX_DEPTH + 5)
    expect(
      manifestError(() => parseYamlDocument(deep, 'deep.yml')).message,
    ).toMatch(/nested more than/)
  })
})

describe('JSON documents', () => {
  it('accepts comments and trailing commas and maps lines', () => {
    const doc = parseJsonDocument(
      '{\n  // servers\n  "servers": {\n    "a": { "command": "npx", },\n  },\n}\n',
      'mcp.json',
    )
    expect(doc.value).toEqual({ servers: { a: { command: 'npx' } } })
    expect(doc.lineOf(['servers'])).toBe(3)
    expect(doc.lineOf(['servers', 'a', 'command'])).toBe(4)
  })

  it('reports syntax errors with their line', () => {
    const error = manifestError(() =>
      parseJsonDocument('{\n  "a": 1\n  "b": 2\n}', 'bad.json'),
    )
    expect(error.position.line).toBe(3)
    expect(error.message).toMatch(/invalid JSON: comma expected/)
  })

  it('keeps __proto__ as a plain key', () => {
    const doc = parseJsonDocument(
      '{"__proto__": {"polluted": true}, "a": {"__proto__": {"x": 1}}}',
      'p.json',
    )
    const value = doc.value as Record<string, Record<string, unknown>>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__', 'a'])
    expect(value.a?.x).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('bounds nesting depth', () => {
    const deep = '['.repeat(MAX_DEPTH + 5) + ']'.repeat(MAX_DEPTH + 5)
    expect(
      manifestError(() => parseJsonDocument(deep, 'deep.json')).message,
    ).toMatch(/nested more than/)
  })
})
