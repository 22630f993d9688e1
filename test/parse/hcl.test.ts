import { describe, expect, it } from 'vitest'
import {
  MAX_HCL_DEPTH,
  parseHclDocument,
  type HclBlock,
  type HclValue,
} from '../../src/core/parse/hcl.js'
import { manifestError } from '../support/manifest-error.js'

function read(lines: readonly string[]): HclBlock {
  return parseHclDocument(lines.join('\n'), 'main.tf')
}

/** The values of a body's attributes, by name. */
function values(block: HclBlock | undefined): Record<string, HclValue> {
  return Object.fromEntries(
    [...(block?.attributes ?? [])].map(([name, { value }]) => [name, value]),
  )
}

/** The lines of a body's attributes, by name. */
function lines(block: HclBlock | undefined): Record<string, number> {
  return Object.fromEntries(
    [...(block?.attributes ?? [])].map(([name, { line }]) => [name, line]),
  )
}

describe('HCL documents', () => {
  it('reads blocks with their labels, quoted or bare, and their lines', () => {
    const root = read([
      'terraform {',
      '  required_version = ">= 1.5"',
      '}',
      '',
      'resource "aws_s3_bucket" "logs" {',
      '  bucket = "logs"',
      '}',
      'dynamic setting {',
      '}',
      'module "a\\"b" {}',
    ])
    expect(root).toMatchObject({ type: '', labels: [], line: 1 })
    expect(
      root.blocks.map(({ type, labels, line }) => ({ type, labels, line })),
    ).toEqual([
      { type: 'terraform', labels: [], line: 1 },
      { type: 'resource', labels: ['aws_s3_bucket', 'logs'], line: 5 },
      { type: 'dynamic', labels: ['setting'], line: 8 },
      { type: 'module', labels: ['a"b'], line: 10 },
    ])
    expect(lines(root.blocks[0])).toEqual({ required_version: 2 })
    expect(lines(root.blocks[1])).toEqual({ bucket: 6 })
    expect(root.attributes.size).toBe(0)
  })

  it('reads nested blocks in order, several of one type, on one line or many', () => {
    const root = read([
      'resource "x" "y" {',
      '  outer {',
      '    inner { a = 1 }',
      '    inner {',
      '      a = 2',
      '    }',
      '  }',
      '  b = 3',
      '}',
    ])
    const resource = root.blocks[0]
    const outer = resource?.blocks[0]
    expect(resource?.blocks).toHaveLength(1)
    expect(outer).toMatchObject({ type: 'outer', line: 2 })
    expect(outer?.blocks.map((b) => [b.type, b.line])).toEqual([
      ['inner', 3],
      ['inner', 4],
    ])
    expect(values(outer?.blocks[0])).toEqual({
      a: { kind: 'number', value: 1 },
    })
    expect(lines(outer?.blocks[1])).toEqual({ a: 5 })
    expect(lines(resource)).toEqual({ b: 8 })
  })

  it('reads strings, numbers and booleans as literals', () => {
    const root = read([
      'plain = "text"',
      'escaped = "a\\"b\\\\c\\nd\\te"',
      'interpolated = "arn:${var.partition}:x"',
      'int = 42',
      'negative = -1.5',
      'exponent = 1e3',
      'yes = true',
      'no = false',
    ])
    expect(values(root)).toEqual({
      plain: { kind: 'string', value: 'text' },
      escaped: { kind: 'string', value: 'a"b\\c\nd\te' },
      interpolated: { kind: 'string', value: 'arn:${var.partition}:x' },
      int: { kind: 'number', value: 42 },
      negative: { kind: 'number', value: -1.5 },
      exponent: { kind: 'number', value: 1000 },
      yes: { kind: 'bool', value: true },
      no: { kind: 'bool', value: false },
    })
    expect(lines(root)).toEqual({
      plain: 1,
      escaped: 2,
      interpolated: 3,
      int: 4,
      negative: 5,
      exponent: 6,
      yes: 7,
      no: 8,
    })
  })

  it('reads lists item by item, over several lines and nested, and leaves unsure ones as text', () => {
    const root = read([
      'mixed = [1, "two", true, [3, "four"], var.five]',
      'empty = []',
      'trailing = [',
      '  "a",',
      '  "b",',
      ']',
      'commented = [',
      '  "a", # why',
      ']',
      'after = 1',
    ])
    expect(values(root)).toEqual({
      mixed: {
        kind: 'list',
        items: [
          { kind: 'number', value: 1 },
          { kind: 'string', value: 'two' },
          { kind: 'bool', value: true },
          {
            kind: 'list',
            items: [
              { kind: 'number', value: 3 },
              { kind: 'string', value: 'four' },
            ],
          },
          { kind: 'expr', text: 'var.five' },
        ],
      },
      empty: { kind: 'list', items: [] },
      trailing: {
        kind: 'list',
        items: [
          { kind: 'string', value: 'a' },
          { kind: 'string', value: 'b' },
        ],
      },
      // A comment inside a list is not split out: the list stays text.
      commented: { kind: 'expr', text: '[\n  "a", # why\n]' },
      after: { kind: 'number', value: 1 },
    })
    expect(lines(root)).toMatchObject({ trailing: 3, commented: 7, after: 10 })
  })

  it('reads heredocs, removing the common indentation of <<-', () => {
    const root = read([
      'plain = <<EOF',
      '  kept as written',
      '  ${var.x}',
      'EOF',
      'indented = <<-EOT',
      '    one',
      '      two',
      '    EOT',
      'after = "x"',
    ])
    expect(values(root)).toEqual({
      plain: { kind: 'string', value: '  kept as written\n  ${var.x}' },
      indented: { kind: 'string', value: 'one\n  two' },
      after: { kind: 'string', value: 'x' },
    })
    expect(lines(root)).toEqual({ plain: 1, indented: 5, after: 9 })
  })

  it('keeps references, calls, objects and operators as their source text, never evaluated', () => {
    const root = read([
      'reference = aws_bedrockagent_agent.main.agent_id',
      'call = file("${path.module}/schema.yaml")',
      'object = { k = "v", n = [1] }',
      'multiline = {',
      '  k = "v"',
      '}',
      'conditional = var.on ? "a" : "b"',
      'joined = "a" + "b" // why',
      'after = 1',
    ])
    expect(values(root)).toEqual({
      reference: {
        kind: 'expr',
        text: 'aws_bedrockagent_agent.main.agent_id',
      },
      call: { kind: 'expr', text: 'file("${path.module}/schema.yaml")' },
      object: { kind: 'expr', text: '{ k = "v", n = [1] }' },
      multiline: { kind: 'expr', text: '{\n  k = "v"\n}' },
      conditional: { kind: 'expr', text: 'var.on ? "a" : "b"' },
      joined: { kind: 'expr', text: '"a" + "b"' },
      after: { kind: 'number', value: 1 },
    })
    // An object is one value: its keys are not attributes of the body.
    expect(root.attributes.has('k')).toBe(false)
    expect(lines(root)).toMatchObject({
      multiline: 4,
      conditional: 7,
      after: 9,
    })
  })

  it('skips #, // and /* */ comments, but not their marks inside strings', () => {
    const root = read([
      '# a comment',
      '// another',
      '/* a block',
      '   comment = "not an attribute" */',
      'a = 1 # trailing',
      'b = "x" // trailing',
      '/* before */ c = true',
      'url = "https://example.com/#x//y"',
      'block { # why',
      '  d = 2 /* kept */',
      '}',
    ])
    expect(values(root)).toEqual({
      a: { kind: 'number', value: 1 },
      b: { kind: 'string', value: 'x' },
      c: { kind: 'bool', value: true },
      url: { kind: 'string', value: 'https://example.com/#x//y' },
    })
    expect(lines(root)).toEqual({ a: 5, b: 6, c: 7, url: 8 })
    expect(root.attributes.has('comment')).toBe(false)
    expect(root.blocks[0]?.line).toBe(9)
    // A block comment after a value is not split from it: the value is left
    // as text rather than read as something it might not be.
    expect(values(root.blocks[0])).toEqual({
      d: { kind: 'expr', text: '2 /* kept */' },
    })
  })

  it('refuses an unterminated string at its line, as a ManifestError', () => {
    const error = manifestError(() =>
      parseHclDocument('a = 1\nb = "open\nc = "x"\n', 'main.tf'),
    )
    expect(error.message).toBe('unreadable HCL: unclosed string')
    expect(error.position).toEqual({ file: 'main.tf', line: 2 })
  })

  it('refuses an unclosed block at the line where it opens', () => {
    const error = manifestError(() =>
      parseHclDocument(
        'resource "x" "y" {\n  inner {\n    a = 1\n  }\n',
        'main.tf',
      ),
    )
    expect(error.message).toBe(
      'unreadable HCL: block resource is not closed: a "}" is missing',
    )
    expect(error.position).toEqual({ file: 'main.tf', line: 1 })
  })

  it('refuses any other text it cannot follow, at its line', () => {
    for (const [text, line, message] of [
      ['a = 1\n}\n', 2, 'unexpected "}"'],
      ['a = 1\n/* open\n', 2, 'unclosed comment'],
      ['a = 1\nb = <<EOF\ntext\n', 2, 'heredoc EOF is not closed'],
      ['a = 1\nb = [1,\n2\n', 2, 'unclosed bracket in expression'],
      ['a = "${x\n', 1, 'unclosed interpolation'],
      ['a = 1\n"b" = 2\n', 2, 'unexpected character """'],
      ['a = 1\nb\n', 2, 'expected "=" or "{" after b'],
      ['a = 1\nb "c" = 2\n', 2, 'expected "=" or "{" after b'],
    ] as const) {
      const error = manifestError(() => parseHclDocument(text, 'main.tf'))
      expect(error.message, text).toBe(`unreadable HCL: ${message}`)
      expect(error.position.line, text).toBe(line)
    }
  })

  it('reads nesting up to MAX_HCL_DEPTH and refuses deeper, quickly', () => {
    const blocks = (depth: number): string =>
      `${'b {\n'.repeat(depth)}${'}\n'.repeat(depth)}`
    let deepest: HclBlock | undefined = parseHclDocument(
      blocks(MAX_HCL_DEPTH),
      'main.tf',
    )
    for (let i = 0; i < MAX_HCL_DEPTH; i++) deepest = deepest?.blocks[0]
    expect(deepest).toMatchObject({ type: 'b', line: MAX_HCL_DEPTH })
    expect(deepest?.blocks).toEqual([])
    const tooDeep = manifestError(() =>
      parseHclDocument(blocks(MAX_HCL_DEPTH + 1), 'main.tf'),
    )
    expect(tooDeep.message).toBe(
      `unreadable HCL: nested more than ${MAX_HCL_DEPTH} levels deep`,
    )
    expect(tooDeep.position.line).toBe(MAX_HCL_DEPTH + 1)
    const started = performance.now()
    for (const hostile of [
      'b {\n'.repeat(100_000),
      `x = "${'${"'.repeat(100_000)}`,
    ]) {
      expect(
        manifestError(() => parseHclDocument(hostile, 'h.tf')).message,
      ).toBe(`unreadable HCL: nested more than ${MAX_HCL_DEPTH} levels deep`)
    }
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('reads lists nested up to MAX_HCL_DEPTH and refuses deeper, quickly', () => {
    const list = (depth: number): string =>
      `a = 1\nx = ${'['.repeat(depth)}${']'.repeat(depth)}\n`
    let innermost = parseHclDocument(
      list(MAX_HCL_DEPTH),
      'main.tf',
    ).attributes.get('x')?.value
    for (let i = 1; i < MAX_HCL_DEPTH; i++)
      innermost = innermost?.kind === 'list' ? innermost.items[0] : undefined
    expect(innermost).toEqual({ kind: 'list', items: [] })
    const tooDeepList = manifestError(() =>
      parseHclDocument(list(MAX_HCL_DEPTH + 1), 'main.tf'),
    )
    expect(tooDeepList.message).toBe(
      `unreadable HCL: nested more than ${MAX_HCL_DEPTH} levels deep`,
    )
    expect(tooDeepList.position.line).toBe(2)
    // Without the bound, each level would read the text inside it again.
    const started = performance.now()
    const hostile = manifestError(() =>
      parseHclDocument(
        `a = 1\nx = ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`,
        'h.tf',
      ),
    )
    expect(hostile.message).toBe(
      `unreadable HCL: nested more than ${MAX_HCL_DEPTH} levels deep`,
    )
    expect(hostile.position.line).toBe(2)
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('keeps __proto__ and constructor as names, touching no prototype', () => {
    const root = read([
      '__proto__ = "polluted"',
      'constructor = 1',
      '__proto__ {',
      '  polluted = true',
      '}',
      'resource "__proto__" "constructor" {',
      '  toString = "x"',
      '}',
    ])
    expect([...root.attributes.keys()]).toEqual(['__proto__', 'constructor'])
    expect(root.attributes.get('__proto__')).toEqual({
      line: 1,
      value: { kind: 'string', value: 'polluted' },
    })
    expect(root.attributes.get('constructor')?.value).toEqual({
      kind: 'number',
      value: 1,
    })
    expect(root.blocks.map((b) => [b.type, ...b.labels])).toEqual([
      ['__proto__'],
      ['resource', '__proto__', 'constructor'],
    ])
    expect(root.blocks[1]?.attributes.get('toString')?.value).toEqual({
      kind: 'string',
      value: 'x',
    })
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('reads a large file in reasonable time', () => {
    const resource = [
      'resource "aws_s3_bucket" "b" {',
      '  bucket = "name-${var.env}"',
      '  tags   = ["a", "b", 3]',
      '  policy = <<-EOF',
      '    {"Statement": []}',
      '    EOF',
      '  rule {',
      '    id = aws_s3_bucket.other.id # a comment',
      '  }',
      '}',
      '',
    ].join('\n')
    // About 1 MB, half the size cap the scanner reads manifests within.
    const count = 5_000
    const started = performance.now()
    const root = parseHclDocument(resource.repeat(count), 'big.tf')
    expect(performance.now() - started).toBeLessThan(3_000)
    expect(root.blocks).toHaveLength(count)
    expect(root.blocks[count - 1]?.line).toBe((count - 1) * 10 + 1)
    expect(root.blocks[count - 1]?.blocks[0]?.line).toBe((count - 1) * 10 + 7)
  })
})
