import { describe, expect, it } from 'vitest'
import {
  MAX_DEPTH,
  parseJsonDocument,
  parseYamlDocument,
} from '../../src/core/parse/document.js'
import { manifestError } from '../support/manifest-error.js'

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

  it('refuses an alias inside the node its anchor names, with its line', () => {
    for (const [text, line] of [
      ['a: 1\nloop: &s [*s]\n', 2],
      ['a: &s\n  b:\n    - 1\n    - *s\n', 4],
      ['a: &s { <<: *s }\n', 1],
    ] as const) {
      const error = manifestError(() => parseYamlDocument(text, 'loop.yml', 3))
      expect(error.position).toEqual({ file: 'loop.yml', line: line + 3 })
      expect(error.message).toMatch(
        /alias \*s is inside the node its anchor names/,
      )
    }
  })

  it('still expands aliases to nodes that end before them', () => {
    const doc = parseYamlDocument(
      [
        'base: &b { model: gpt, tools: [a] }',
        'one: *b',
        'two: { nested: [*b, *b] }',
        'three: &s [&s 1, *s]',
        'four: *s',
        '',
      ].join('\n'),
      'aliases.yml',
    )
    const base = { model: 'gpt', tools: ['a'] }
    expect(doc.value).toEqual({
      base,
      one: base,
      two: { nested: [base, base] },
      three: [1, 1],
      four: 1,
    })
  })

  it('refuses mappings and sequences as keys, however deep, and quickly', () => {
    const started = performance.now()
    const nested = manifestError(() =>
      parseYamlDocument('? '.repeat(400) + 'x\n', 'keys.yml'),
    )
    expect(nested.message).toMatch(/key is itself a mapping or sequence/)
    expect(nested.position.line).toBe(1)
    // Many deep keys: each would be costly to turn into a property name.
    const deepKey = `? ${'['.repeat(60)}x${']'.repeat(60)}\n: 1\n`
    expect(
      manifestError(() =>
        parseYamlDocument(`name: a\n${deepKey.repeat(1000)}`, 'keys.yml'),
      ).position.line,
    ).toBe(2)
    // A bound for pathological (quadratic or worse) reading, not a speed
    // goal: it takes well under a second, and a loaded CI machine must not
    // fail it (speed figures live in npm run bench).
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(
      manifestError(() =>
        parseYamlDocument('base: &b [1, 2]\nmap:\n  *b : 3\n', 'keys.yml'),
      ).message,
    ).toMatch(/key is itself a mapping or sequence/)
    // Plain keys, and aliases of plain keys, are fine.
    expect(
      parseYamlDocument('? plain\n: 1\n&k name: x\nother: *k\n', 'k.yml').value,
    ).toEqual({ plain: 1, name: 'x', other: 'name' })
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

  it("sees deep nesting after a ' or # , which JSON does not quote or comment", () => {
    for (const prefix of ["'", '#', '# ', "/* ' */ ", '/* # */', "// '\n"]) {
      const error = manifestError(() =>
        parseJsonDocument(`${prefix}${'['.repeat(20_000)}`, 'deep.json', 2),
      )
      expect(error.message).toMatch(/nested more than/)
      expect(error.position.file).toBe('deep.json')
      expect(error.position.line).toBeGreaterThanOrEqual(3)
    }
  })

  it('does not count brackets in JSON strings and comments', () => {
    const brackets = '['.repeat(300)
    const doc = parseJsonDocument(
      `// ${brackets}\n/* ${brackets}\n */ {"a": "${brackets}", "b": ["#", "'"]}`,
      'brackets.json',
    )
    expect(doc.value).toEqual({ a: brackets, b: ['#', "'"] })
  })
})

describe('documents read again', () => {
  it('share one frozen value between files with the same text', () => {
    const text = 'name: a\ntools: [shell]\n'
    const first = parseYamlDocument(text, 'one/agent.yaml')
    const second = parseYamlDocument(text, 'two/agent.yaml')
    expect(second.value).toBe(first.value)
    expect(Object.isFrozen(first.value)).toBe(true)
    expect(() => {
      ;(first.value as { tools: string[] }).tools.push('browser')
    }).toThrow(TypeError)
    expect(second.lineOf(['tools'])).toBe(2)
  })

  it('name the file in hand when the same broken text is read again', () => {
    const text = '{"name": "a",'
    for (const file of ['one/mcp.json', 'two/mcp.json']) {
      expect(
        manifestError(() => parseJsonDocument(text, file)).position.file,
      ).toBe(file)
    }
  })

  it('keep line offsets apart', () => {
    const text = 'name: a\n'
    expect(parseYamlDocument(text, 'a.md', 0).lineOf(['name'])).toBe(1)
    expect(parseYamlDocument(text, 'a.md', 4).lineOf(['name'])).toBe(5)
  })
})
