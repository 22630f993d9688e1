import { describe, expect, it } from 'vitest'
import { RecentByText } from '../../src/core/recent-by-text.js'

describe('values kept for recent texts', () => {
  it('forgets the least recently used beyond the count', () => {
    const recent = new RecentByText<number>(2, 1000, 1000)
    recent.keep('a', 1)
    recent.keep('b', 2)
    expect(recent.take('a')).toBe(1)
    recent.keep('c', 3)
    expect(recent.take('b')).toBeUndefined()
    expect([recent.take('a'), recent.take('c')]).toEqual([1, 3])
  })

  it('forgets the oldest beyond the total length of the texts', () => {
    const recent = new RecentByText<number>(10, 10, 10)
    recent.keep('aaaa', 1)
    recent.keep('bbbb', 2)
    recent.keep('bbbb', 3)
    recent.keep('cccc', 4)
    expect(recent.take('aaaa')).toBeUndefined()
    expect([recent.take('bbbb'), recent.take('cccc')]).toEqual([3, 4])
  })

  it('never keeps a text longer than the limit', () => {
    const recent = new RecentByText<number>(10, 100, 3)
    recent.keep('long', 1)
    expect(recent.take('long')).toBeUndefined()
  })
})
