import { describe, expect, it } from 'vitest'
import { readLenientFrontMatter } from '../../src/core/manifest/lenient-front-matter.js'
import { splitFrontMatter } from '../../src/core/manifest/front-matter.js'

/**
 * The line reader behind front matter that the strict YAML parser refuses
 * and Claude Code, Copilot and OpenCode still load.
 */

const read = (yaml: string) => readLenientFrontMatter(yaml, 'a.md', 1)

describe('the lenient front matter reader', () => {
  it('takes a value with ": " verbatim, and scalars YAML would read alone', () => {
    const doc = read(
      [
        'name: ops',
        'description: Note: use it for ops. Example: restart #1',
        'maxTurns: 5',
        'background: true',
        'model: "claude-sonnet-4"',
        "tools: ['Read', 'Bash(git: *)']",
        'memory: null',
        'broken: [unclosed',
      ].join('\n'),
    )
    expect(doc.value).toEqual({
      name: 'ops',
      description: 'Note: use it for ops. Example: restart #1',
      maxTurns: 5,
      background: true,
      model: 'claude-sonnet-4',
      tools: ['Read', 'Bash(git: *)'],
      memory: null,
      broken: '[unclosed',
    })
    expect(doc.lineOf(['description'])).toBe(3)
    expect(doc.lineOf(['broken'])).toBe(9)
  })

  it('reads anchors and aliases as YAML would, an unknown alias as no value', () => {
    const doc = read(
      [
        'description: Note: the strict parse fails',
        'shared: &t Bash, Write, WebFetch',
        'tools: *t',
        'model: *nowhere',
      ].join('\n'),
    )
    expect(doc.value).toEqual({
      description: 'Note: the strict parse fails',
      shared: 'Bash, Write, WebFetch',
      tools: 'Bash, Write, WebFetch',
      model: null,
    })
  })

  it('reads a flow list or quoted value followed by a comment as YAML does', () => {
    const doc = read(
      [
        'description: Note: the strict parse fails',
        "tools: ['execute', 'edit'] # core tools",
        'model: "gpt-5" # pinned',
        'notes: restart #1 first',
      ].join('\n'),
    )
    expect(doc.value).toEqual({
      description: 'Note: the strict parse fails',
      tools: ['execute', 'edit'],
      model: 'gpt-5',
      notes: 'restart #1 first',
    })
  })

  it('reads block lists, nested blocks, continuations and block scalars', () => {
    const doc = read(
      [
        '# a comment',
        'tools:',
        '  - Read',
        '  - "Bash(*)"',
        'hooks:',
        '  PreToolUse:',
        '    - matcher: Bash',
        'notes:',
        '  - Note: one',
        '  - two: three: four',
        'description: first line',
        '  continued: here',
        'prompt: |',
        '  line one',
        '  line two',
        'summary: >',
        '  folded',
        '  text',
      ].join('\r\n'),
    )
    expect(doc.value).toEqual({
      tools: ['Read', 'Bash(*)'],
      hooks: { PreToolUse: [{ matcher: 'Bash' }] },
      notes: ['Note: one', 'two: three: four'],
      description: 'first line continued: here',
      prompt: 'line one\nline two',
      summary: 'folded text',
    })
    expect(doc.lineOf(['tools', 1])).toBe(5)
    expect(doc.lineOf(['hooks', 'PreToolUse', 0, 'matcher'])).toBe(8)
    expect(doc.lineOf(['notes', 1])).toBe(11)
  })

  it('keeps keys such as __proto__ as plain data', () => {
    const doc = read('__proto__: x: y\nconstructor: a: b\n')
    expect(Object.getPrototypeOf(doc.value)).toBe(Object.prototype)
    expect(Object.keys(doc.value as object)).toEqual([
      '__proto__',
      'constructor',
    ])
  })

  it('is used by splitFrontMatter only when asked, after the strict parse fails', () => {
    const text = '---\nname: a\ndescription: Note: b\n---\nBody.\n'
    expect(() => splitFrontMatter(text, 'a.md')).toThrow(/invalid YAML/)
    const fm = splitFrontMatter(text, 'a.md', true)
    expect(fm?.document.value).toEqual({ name: 'a', description: 'Note: b' })
    expect(fm?.lenient?.message).toMatch(/^invalid YAML/)
    expect(fm?.body).toBe('Body.\n')
    expect(splitFrontMatter('---\nname: a\n---\n', 'a.md', true)?.lenient).toBe(
      undefined,
    )
  })

  it('reads a long hostile text in linear time', () => {
    const started = performance.now()
    const lines = Array.from({ length: 50_000 }, (_, i) =>
      i % 2 ? `k${i}: [${'['.repeat(300)}` : `  - x: y: z`,
    )
    read(lines.join('\n'))
    expect(performance.now() - started).toBeLessThan(3_000)
  })
})
