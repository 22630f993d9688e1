import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { scoreCvssVector } from '../../src/core/aivss/cvss.js'

/**
 * FIRST's reference calculator's base score for every one of the 104,976
 * CVSS v4.0 base vectors, one `vector<TAB>score` line each.
 */
const REFERENCE = new URL(
  '../fixtures/cvss/cvss4-first-base.tsv.gz',
  import.meta.url,
)

function readReference(): [string, number][] {
  const text = gunzipSync(readFileSync(REFERENCE)).toString('utf8')
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [vector = '', score = ''] = line.split('\t')
      return [vector, Number(score)]
    })
}

describe("CVSS v4.0 base scores against FIRST's reference", () => {
  const reference = readReference()

  it('holds every base vector once', () => {
    expect(reference).toHaveLength(104_976)
    expect(new Set(reference.map(([vector]) => vector)).size).toBe(104_976)
    expect(reference.every(([, score]) => Number.isFinite(score))).toBe(true)
  })

  it('scores every base vector as FIRST does', () => {
    const wrong: string[] = []
    for (const [vector, expected] of reference) {
      const { score } = scoreCvssVector(vector)
      if (score !== expected)
        wrong.push(`${vector}: ${score}, FIRST ${expected}`)
    }
    expect({ wrong: wrong.length, first: wrong.slice(0, 20) }).toEqual({
      wrong: 0,
      first: [],
    })
  })

  it.each([
    // Values a hair below an x.x5 tie, which a plain round takes down.
    ['CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:A/VC:H/VI:L/VA:N/SC:L/SI:L/SA:L', 5.7],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H', 8.6],
  ])('scores %s as %s', (vector, expected) => {
    expect(scoreCvssVector(vector).score).toBe(expected)
  })

  it('answers a vector seen before from memory', () => {
    const [vector = ''] = reference[12_345] ?? []
    expect(scoreCvssVector(vector)).toBe(scoreCvssVector(vector))
  })
})
