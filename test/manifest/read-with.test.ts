import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  cite,
  count,
  flag,
  indexedArray,
  locatedObject,
  looseArray,
  looseRecord,
  maybeObject,
  must,
  newProfile,
  readWith,
  text,
  texts,
} from '../../src/core/manifest/kit.js'
import { textFile } from '../support/files.js'

/**
 * readWith and the tolerant schemas: what a pull request writes in a
 * manifest is read into typed data without throwing; entries of the wrong
 * shape are left out and reported on their own line; unknown keys pass.
 */
const Tool = locatedObject({
  name: must(text(), (name) => Boolean(name), {
    message: 'a tool needs a name',
  }),
  timeout: count(),
  readOnly: flag(),
})

const File = maybeObject({
  title: text(),
  tags: texts(),
  tools: looseArray(Tool, {
    entry: { message: 'a tool must be a mapping' },
    notList: { message: 'tools must be a list' },
  }),
  kinds: indexedArray(
    z.string().transform((kind) => ({ kind })),
    {
      entry: {
        message: (value) => `unknown kind ${JSON.stringify(value)}`,
        level: 'warning',
        help: 'Write a string.',
      },
    },
  ),
  servers: looseRecord(
    maybeObject({ command: text() }).pipe(
      z.object({ command: z.string() }).loose(),
    ),
    {
      entry: { message: 'a server needs a command' },
    },
  ),
})

function read(text: string) {
  const result = readWith(textFile('agent.yml', text), 'yaml', File)
  if (!result.ok) throw new Error('not read')
  return result
}

describe('readWith', () => {
  it('reads a well-formed file into typed data with no problems', () => {
    const r = read(
      'title: T\ntags: [a, 1, b]\ntools:\n  - name: bash\n    timeout: 5\nkinds: [x]\nservers:\n  s: { command: npx }\n',
    )
    expect(r.problems).toEqual([])
    expect(r.data?.title).toBe('T')
    expect(r.data?.tags).toEqual(['a', 'b'])
    expect(r.data?.tools?.[0]).toMatchObject({
      name: 'bash',
      timeout: 5,
      at: ['tools', 0],
    })
    expect(r.data?.kinds).toEqual([{ kind: 'x', index: 0 }])
    expect(r.data?.servers).toEqual([['s', { command: 'npx' }]])
  })

  it('leaves out entries of the wrong shape and reports each on its line', () => {
    const r = read(
      'tools:\n  - just a string\n  - timeout: 3\n  - name: ok\nkinds:\n  - a\n  - { x: 1 }\n  - b\nservers:\n  bad: 3\n  good: { command: run }\n',
    )
    expect(r.data?.tools?.map((t) => t.name)).toEqual(['ok'])
    // The kept entry keeps its own path although two before it were left out.
    expect(r.data?.tools?.[0]?.at).toEqual(['tools', 2])
    expect(r.data?.kinds).toEqual([
      { kind: 'a', index: 0 },
      { kind: 'b', index: 2 },
    ])
    expect(r.data?.servers?.map(([key]) => key)).toEqual(['good'])
    expect(
      r.problems.map((p) => [p.line, p.field, p.message, p.level]),
    ).toEqual([
      [2, 'tools[0]', 'a tool must be a mapping', 'error'],
      [3, 'tools[1].name', 'a tool needs a name', 'error'],
      [7, 'kinds[1]', 'unknown kind {"x":1}', 'warning'],
      [10, 'servers.bad', 'a server needs a command', 'error'],
    ])
    expect(r.problems[2]?.help).toBe('Write a string.')
  })

  it('reports a list that is not a list, and reads it as absent', () => {
    const r = read('title: T\ntools: bash\n')
    expect(r.data?.tools).toBeUndefined()
    expect(r.problems).toMatchObject([
      { line: 2, field: 'tools', message: 'tools must be a list' },
    ])
  })

  it('reads scalars of the wrong type as not stated, silently', () => {
    const r = read(
      'title: [1]\ntags: 3\ntools:\n  - name: a\n    timeout: "5"\n    readOnly: yes\n',
    )
    expect(r.problems).toEqual([])
    expect(r.data?.title).toBeUndefined()
    expect(r.data?.tags).toEqual([])
    expect(r.data?.tools?.[0]?.timeout).toBeUndefined()
    expect(r.data?.tools?.[0]?.readOnly).toBeUndefined()
  })

  it('passes unknown keys through and never touches a prototype', () => {
    const r = read(
      'title: T\nextra: 1\n__proto__: { polluted: true }\ntools:\n  - { name: a, constructor: x }\n',
    )
    expect((r.data as Record<string, unknown>).extra).toBe(1)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(r.data)).toBe(Object.prototype)
  })

  it('reads a top level of another shape as absent, and a syntax error as the problem', () => {
    expect(read('- a\n- b\n').data).toBeUndefined()
    const broken = readWith(textFile('agent.yml', 'a: [1\n'), 'yaml', File)
    expect(broken.ok).toBe(false)
    if (!broken.ok) expect(broken.result.problems[0]?.file).toBe('agent.yml')
  })

  it('stays fast on a long hostile list', () => {
    const entries = Array.from({ length: 5000 }, (_, i) =>
      i % 2 ? `  - name: t${i}\n` : '  - 1\n',
    ).join('')
    const started = performance.now()
    const r = read(`tools:\n${entries}`)
    expect(r.data?.tools).toHaveLength(2500)
    expect(r.problems).toHaveLength(2500)
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})

describe('typed evidence', () => {
  it('cites only profile fields that exist', () => {
    const profile = newProfile({
      name: 'a',
      format: 'f',
      file: 'a.yml',
      line: 1,
    })
    cite(profile, 'tools', 3)
    cite(profile, 'controls.sandbox', 4)
    // @ts-expect-error: a misspelt field does not compile
    cite(profile, 'tool', 5)
    expect(profile.evidence).toEqual({
      tools: 3,
      'controls.sandbox': 4,
      tool: 5,
    })
  })
})
