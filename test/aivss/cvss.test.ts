import { describe, expect, it } from 'vitest'
import { scoreCvssVector } from '../../src/core/aivss/cvss.js'

describe('CVSS v4.0 vectors', () => {
  it('scores base vectors with the FIRST tables', () => {
    expect(
      scoreCvssVector(
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      ).score,
    ).toBe(9.3)
    expect(
      scoreCvssVector(
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N',
      ).score,
    ).toBe(0)
  })

  it('writes metrics in FIRST order and scores only the base group', () => {
    const r = scoreCvssVector(
      'CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U',
    )
    expect(r.vector).toBe(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U',
    )
    expect(r.score).toBe(9.4)
    expect(r.ignoredMetrics).toEqual(['E'])
  })

  it.each([
    [
      'CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      /metric AV has value "X"; allowed: N, A, L, P/,
    ],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H',
      /missing base metrics SC, SI, SA/,
    ],
    [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /CVSS 3\.1 vector; AIVSS takes CVSS v4\.0/,
    ],
    ['AV:N/AC:L', /does not start with "CVSS:4\.0\/"/],
    [
      'CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      /AV appears twice/,
    ],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:Y',
      /unknown CVSS v4\.0 metric "XX"/,
    ],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA',
      /metric SA has value ""/,
    ],
  ])('rejects %s', (vector, message) => {
    expect(() => scoreCvssVector(vector)).toThrow(message)
  })
})
