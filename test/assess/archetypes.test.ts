import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import type { AgentAssessment } from '../../src/core/assess/assess-agent.js'
import { scan } from '../../src/core/scan.js'
import { FIXTURES } from '../support/files.js'

/**
 * Agents whose band a security reviewer would name without a calculator,
 * each written in more than one format: the score must land where the
 * reviewer would put it, whichever format carries the agent.
 */
const ARCHETYPES = join(FIXTURES, 'archetypes')

function agentsOf(dir: string): readonly AgentAssessment[] {
  const result = scan({
    root: join(ARCHETYPES, dir),
    settings: DEFAULT_SCORING,
  })
  expect(result.assessments.length).toBeGreaterThan(0)
  return result.assessments
}

const summary = (a: AgentAssessment): string =>
  `${a.profile.source.file} (${a.profile.format}) ${a.score}`

describe('archetypes land in the band a reviewer would name', () => {
  it('a catalogue chat bot with no tools is below High, even when public', () => {
    const agents = agentsOf('catalogue-bot')
    expect(agents.map((a) => a.profile.format).sort()).toEqual([
      'a2a-agent-card',
      'aivss-descriptor',
      'copilot-agent',
    ])
    for (const agent of agents)
      expect(agent.score, summary(agent)).toBeLessThan(7)
  })

  it('a read-only pull-request reviewer is below Critical', () => {
    const agents = agentsOf('readonly-reviewer')
    expect(agents.map((a) => a.profile.format).sort()).toEqual([
      'claude-code-subagent',
      'copilot-agent',
    ])
    for (const agent of agents)
      expect(agent.score, summary(agent)).toBeLessThan(9)
  })

  it('an unattended public autopilot with shell, cloud admin and a browser, unapproved, is Critical', () => {
    const [agent, ...rest] = agentsOf('autopilot')
    expect(rest).toEqual([])
    expect(agent!.score, summary(agent!)).toBeGreaterThanOrEqual(9)
    expect(agent!.baseline.vector).toContain('AV:N')
    expect(agent!.baseline.vector).toContain('UI:N')
  })
})
