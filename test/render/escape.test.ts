import { describe, expect, it } from 'vitest'
import {
  bounded,
  htmlText,
  mdCode,
  mdLink,
  mdText,
  safeHttpUrl,
  urlPath,
} from '../../src/core/render/escape.js'

describe('escaping manifest text', () => {
  it('makes a hostile name inert in markdown and in HTML', () => {
    const name = '@everyone <img src=x onerror=alert(1)>'
    for (const out of [mdText(name), htmlText(name)]) {
      expect(out).not.toMatch(/<img/)
      expect(out).not.toMatch(/@everyone/)
      expect(out).toContain('@&#8203;everyone')
      expect(out).toContain('&lt;img')
    }
  })

  it('keeps links, tables and code spans closed', () => {
    const text = '](javascript:alert(1)) | `x` [a](https://evil.example)'
    const out = mdText(text)
    expect(out).not.toMatch(/(?<!\\)\]\(/)
    expect(out).not.toMatch(/(?<!\\)\|/)
    expect(out).not.toMatch(/(?<!\\)`/)
    expect(out).toContain('https:&#8203;//evil.example')
    expect(mdCode('a`b|c')).toBe("`a'b\\|c`")
  })

  it('flattens new lines, shows bidirectional overrides and bounds the length', () => {
    // Overrides and isolates are shown, like every invisible code point.
    expect(bounded('a\nb\r\nc\u202ed\u2066e', 100)).toBe(
      'a b c<U+202E>d<U+2066>e',
    )
    expect(mdText('x'.repeat(500), 50)).toHaveLength(50)
  })

  it('builds links only from http(s) URLs and encoded paths', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined()
    expect(safeHttpUrl('data:text/html,x')).toBeUndefined()
    expect(safeHttpUrl('https://user:pw@github.com/')).toBeUndefined()
    expect(safeHttpUrl('https://github.com/o/r/actions/runs/1')).toBe(
      'https://github.com/o/r/actions/runs/1',
    )
    expect(safeHttpUrl("https://x.example/a(b)'c")).toBe(
      'https://x.example/a%28b%29%27c',
    )
    expect(urlPath('a b/x](javascript:alert(1)).yml')).toBe(
      'a%20b/x%5D%28javascript%3Aalert%281%29%29.yml',
    )
    expect(urlPath('ü/#?.yml')).toBe('%C3%BC/%23%3F.yml')
    expect(mdLink('a](b)', 'https://x.example/p')).toBe(
      '[a\\](b)](https://x.example/p)',
    )
    expect(mdLink('a', undefined)).toBe('a')
  })
})
