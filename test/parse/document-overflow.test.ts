import type * as JsoncParser from 'jsonc-parser'
import { describe, expect, it, vi } from 'vitest'
import { ManifestError } from '../../src/core/errors.js'
import { parseJsonDocument } from '../../src/core/parse/document.js'

// The JSON parser recurses once per level of nesting. The bracket-depth guard
// is meant to stop it before the stack runs out; should a text ever get past
// the guard, the parser's RangeError must still come out as a ManifestError.
vi.mock('jsonc-parser', async (importOriginal) => {
  const actual = await importOriginal<typeof JsoncParser>()
  return {
    ...actual,
    parseTree: (...args: Parameters<typeof actual.parseTree>) => {
      if (args[0].includes('overflow')) {
        throw new RangeError('Maximum call stack size exceeded')
      }
      return actual.parseTree(...args)
    },
  }
})

describe('JSON documents whose parser overflows', () => {
  it('are reported as a problem with the file, never a RangeError', () => {
    let caught: unknown
    try {
      parseJsonDocument('{"overflow": [[[]]]}', 'deep.json', 4)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ManifestError)
    const error = caught as ManifestError
    expect(error.message).toMatch(/could not be parsed safely.*too deeply/)
    expect(error.position).toEqual({ file: 'deep.json', line: 5 })
    expect(error.cause).toBeInstanceOf(RangeError)
    expect(parseJsonDocument('{"a": 1}', 'fine.json').value).toEqual({ a: 1 })
  })
})
