import { TomlError } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { MAX_DEPTH } from '../../src/core/parse/document.js'
import { parseTomlDocument } from '../../src/core/parse/toml.js'
import { manifestError } from '../support/manifest-error.js'

describe('TOML documents: values and lines', () => {
  const text = [
    'model = "x"',
    'a.b = 1',
    '"quoted.key" . c = 2',
    'tools = [',
    '  "shell",',
    '  "web",',
    ']',
    'env = { TOKEN = "t", OTHER = "o" }',
    '[mcp_servers."my.server"]',
    'command = "npx"',
    "[projects.'/home/dev']",
    'trust_level = "trusted"',
    '[[hooks]]',
    'name = "one"',
    '[[hooks]]',
    'name = "two"',
    '',
  ].join('\n')
  const doc = parseTomlDocument(text, 'x.toml')

  it('reads the values', () => {
    expect(JSON.parse(JSON.stringify(doc.value))).toEqual({
      model: 'x',
      a: { b: 1 },
      'quoted.key': { c: 2 },
      tools: ['shell', 'web'],
      env: { TOKEN: 't', OTHER: 'o' },
      mcp_servers: { 'my.server': { command: 'npx' } },
      projects: { '/home/dev': { trust_level: 'trusted' } },
      hooks: [{ name: 'one' }, { name: 'two' }],
    })
  })

  it('finds the lines of keys and dotted keys, quoted or bare', () => {
    expect(doc.lineOf(['model'])).toBe(1)
    expect(doc.lineOf(['a', 'b'])).toBe(2)
    expect(doc.lineOf(['quoted.key', 'c'])).toBe(3)
  })

  it('finds [table] headers and the keys under them', () => {
    expect(doc.lineOf(['mcp_servers', 'my.server'])).toBe(9)
    expect(doc.lineOf(['mcp_servers', 'my.server', 'command'])).toBe(10)
    expect(doc.lineOf(['projects', '/home/dev'])).toBe(11)
    expect(doc.lineOf(['projects', '/home/dev', 'trust_level'])).toBe(12)
  })

  it('counts [[array of tables]] headers, one item each', () => {
    expect(doc.lineOf(['hooks'])).toBe(13)
    expect(doc.lineOf(['hooks', 0])).toBe(13)
    expect(doc.lineOf(['hooks', 0, 'name'])).toBe(14)
    expect(doc.lineOf(['hooks', 1])).toBe(15)
    expect(doc.lineOf(['hooks', 1, 'name'])).toBe(16)
  })

  it('gives inline-table keys the line of their table', () => {
    expect(doc.lineOf(['env'])).toBe(8)
    expect(doc.lineOf(['env', 'TOKEN'])).toBe(8)
    expect(doc.lineOf(['env', 'OTHER'])).toBe(8)
  })

  it("falls back to an array's line for its items, and only for them", () => {
    expect(doc.lineOf(['tools', 1])).toBe(4)
    expect(doc.lineOf(['hooks', 7])).toBe(13)
    expect(doc.lineOf(['tools', 1, 'name'])).toBeUndefined()
    expect(doc.lineOf(['env', 'MISSING'])).toBeUndefined()
    expect(doc.lineOf(['mcp_servers', 'other', 'command'])).toBeUndefined()
    expect(doc.lineOf(['nothing'])).toBeUndefined()
  })

  it('records no keys inside multi-line strings, and resumes after them', () => {
    const strings = parseTomlDocument(
      [
        'text = """',
        'approval_policy = "never"',
        '[profiles.yolo]',
        '"""',
        "literal = '''",
        'sandbox_mode = "danger-full-access"',
        "'''",
        'one_line = """not = "a key" """',
        'after = 1',
        '',
      ].join('\n'),
      'strings.toml',
    )
    expect((strings.value as Record<string, unknown>).text).toBe(
      'approval_policy = "never"\n[profiles.yolo]\n',
    )
    expect(strings.lineOf(['approval_policy'])).toBeUndefined()
    expect(strings.lineOf(['profiles', 'yolo'])).toBeUndefined()
    expect(strings.lineOf(['sandbox_mode'])).toBeUndefined()
    expect(strings.lineOf(['literal'])).toBe(5)
    expect(strings.lineOf(['one_line'])).toBe(8)
    expect(strings.lineOf(['after'])).toBe(9)
  })
})

describe('TOML documents: hostile input', () => {
  it('reports a syntax error with its file, line, column and help', () => {
    const error = manifestError(() =>
      parseTomlDocument(
        'model = "x"\nname = "unclosed\nother = 1\n',
        'bad.toml',
      ),
    )
    expect(error.position).toEqual({ file: 'bad.toml', line: 2, column: 17 })
    // The parser's message is cut to its first line; the drawing is left out.
    expect(error.message).toBe(
      'invalid TOML: Invalid TOML document: control characters are not allowed in strings',
    )
    expect(error.help).toBe(
      'Fix the TOML syntax (quotes, brackets, a missing =).',
    )
    expect(error.cause).toBeInstanceOf(TomlError)
  })

  it(`refuses arrays and inline tables nested deeper than ${MAX_DEPTH}`, () => {
    const arrays = (n: number): string =>
      `a = ${'['.repeat(n)}${']'.repeat(n)}\n`
    const tables = (n: number): string =>
      `a = ${'{ b = '.repeat(n)}1${' }'.repeat(n)}\n`
    for (const nested of [arrays, tables]) {
      expect(parseTomlDocument(nested(MAX_DEPTH), 'ok.toml').value).toEqual({
        a: expect.anything() as unknown,
      })
      const error = manifestError(() =>
        parseTomlDocument(nested(MAX_DEPTH + 1), 'deep.toml'),
      )
      expect(error.message).toMatch(/^invalid TOML: .*nested/)
      expect(error.position).toMatchObject({ file: 'deep.toml', line: 1 })
    }
  })

  it('keeps __proto__ and constructor as plain keys', () => {
    const doc = parseTomlDocument(
      [
        '__proto__ = { polluted = true }',
        '[constructor.prototype]',
        'polluted = true',
        '[a.__proto__]',
        'x = 1',
        '',
      ].join('\n'),
      'p.toml',
    )
    const value = doc.value as Record<string, Record<string, unknown>>
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'a'])
    expect(Object.hasOwn(value, '__proto__')).toBe(true)
    expect(value.__proto__).toEqual({ polluted: true })
    expect(value.a?.x).toBeUndefined()
    expect(Object.keys(value.a ?? {})).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(doc.lineOf(['__proto__', 'polluted'])).toBe(1)
    expect(doc.lineOf(['constructor', 'prototype', 'polluted'])).toBe(3)
    expect(doc.lineOf(['a', '__proto__', 'x'])).toBe(5)
  })

  it('reads a very long file in reasonable time', () => {
    const count = 10_000
    const text = Array.from(
      { length: count },
      (_, i) =>
        `[servers.s${i}]\ncommand = "npx"\nenv = { TOKEN_${i} = "t" }\nargs = ["-y", "pkg"]\n`,
    ).join('')
    const started = performance.now()
    const doc = parseTomlDocument(text, 'long.toml')
    const last = count - 1
    expect(doc.lineOf(['servers', `s${last}`, 'args', 1])).toBe(last * 4 + 4)
    expect(doc.lineOf(['servers', `s${last}`, 'env', `TOKEN_${last}`])).toBe(
      last * 4 + 3,
    )
    expect(performance.now() - started).toBeLessThan(3_000)
  })
})
