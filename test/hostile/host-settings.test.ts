import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import claudeSubagent from '../../src/core/formats/claude-code-subagent/index.js'
import copilot from '../../src/core/formats/copilot-agent/index.js'
import type { AgentProfile } from '../../src/core/profile/schema.js'
import { scan } from '../../src/core/scan.js'
import { tempTree, textFile } from '../support/files.js'

/**
 * Settings files in the pull request's tree are written by its author.
 * They may only say what the host will do with the agent: take approvals
 * away (riskier) or tools away (less capable). They must not make an agent
 * look safer than its own settings allow, govern agents outside their
 * project, or stop the scan when they are broken.
 */

const AGENT =
  '---\nname: deployer\ndescription: Deploys\ntools: Bash, Write\n---\nDeploy.\n'

function agentWith(
  path: string,
  siblings: Record<string, string>,
  text = AGENT,
): {
  agent: AgentProfile
  problems: readonly { file: string; line?: number; message: string }[]
} {
  const result = claudeSubagent.parse(textFile(path, text, siblings))
  return { agent: result.agents[0] as AgentProfile, problems: result.problems }
}

describe('Claude Code project settings written by the pull request', () => {
  it('defaultMode bypassPermissions makes the governed agent riskier, and an ask rule cannot win it back', () => {
    const { agent } = agentWith('.claude/agents/deployer.md', {
      '.claude/settings.json': JSON.stringify({
        permissions: {
          defaultMode: 'bypassPermissions',
          ask: ['Bash', 'Write'],
        },
      }),
    })
    expect(agent.tools.map((t) => t.requiresApproval)).toEqual([false, false])
    expect(agent.controls.humanApproval).toBe(false)
    expect(agent.defaults?.['controls.humanApproval']).toMatch(
      /^\.claude\/settings\.json line 1: permissions\.defaultMode bypassPermissions/,
    )
  })

  it('an allow rule takes the approval away; it never adds one', () => {
    const { agent } = agentWith('.claude/agents/deployer.md', {
      '.claude/settings.json': '{"permissions":{"allow":["Bash","Write"]}}',
    })
    expect(agent.tools.map((t) => t.requiresApproval)).toEqual([false, false])
    expect(agent.controls.humanApproval).toBe(false)
  })

  it('settings outside the agent’s project root govern nothing', () => {
    const bypass = '{"permissions":{"defaultMode":"bypassPermissions"}}'
    for (const [path, settings] of [
      ['.claude/agents/deployer.md', 'other/.claude/settings.json'],
      ['sub/.claude/agents/deployer.md', '.claude/settings.json'],
      ['.claude/agents/deployer.md', '.claude/agents/settings.json'],
    ] as const) {
      const { agent } = agentWith(path, { [settings]: bypass })
      expect(agent.controls.humanApproval, `${settings} → ${path}`).toBe(true)
      expect(agent.tools.every((t) => t.requiresApproval === true)).toBe(true)
    }
  })

  it('malformed settings are a problem naming the file and line, and the agent is still read', () => {
    const broken = agentWith('.claude/agents/deployer.md', {
      '.claude/settings.json': '{\n  "permissions": {\n    "allow": [\n',
    })
    expect(broken.agent.tools).toHaveLength(2)
    expect(broken.agent.controls.humanApproval).toBe(true)
    expect(broken.problems).toMatchObject([
      { file: '.claude/settings.json', line: expect.any(Number) },
    ])
    expect(broken.problems[0]?.message).toMatch(/does not govern/)
    const wrong = agentWith('.claude/agents/deployer.md', {
      '.claude/settings.json':
        '{\n  "permissions": {\n    "allow": "Bash"\n  }\n}',
    })
    expect(wrong.problems).toMatchObject([
      { file: '.claude/settings.json', line: 3 },
    ])
    expect(wrong.agent.tools.map((t) => t.requiresApproval)).toEqual([
      true,
      true,
    ])
  })

  it('a deny rule takes the tool away, and says so', () => {
    const { agent } = agentWith('.claude/agents/deployer.md', {
      '.claude/settings.json': '{"permissions":{"deny":["Bash"]}}',
    })
    expect(agent.tools.map((t) => t.name)).toEqual(['Write'])
    expect(agent.notes.join('\n')).toMatch(/permissions\.deny takes Bash away/)
  })

  it('a real scan reads the settings beside the agent, and the agent stays listed', () => {
    const root = tempTree({
      '.claude/agents/deployer.md': AGENT,
      '.claude/settings.json':
        '{"permissions":{"defaultMode":"bypassPermissions","deny":["Write"]}}',
    })
    const result = scan({ root, settings: DEFAULT_SCORING })
    const deployer = result.assessments.find(
      (a) => a.profile.name === 'deployer',
    )
    expect(deployer?.profile.controls.humanApproval).toBe(false)
    expect(deployer?.profile.tools.map((t) => t.name)).toEqual(['Bash'])
  })
})

describe('VS Code workspace settings written by the pull request', () => {
  it('broken settings are a problem naming the file, and VS Code defaults still apply', () => {
    const result = copilot.parse(
      textFile(
        '.github/agents/a.agent.md',
        "---\ndescription: x\ntarget: vscode\ntools: ['execute']\n---\n",
        {
          '.vscode/settings.json': '{ "chat.tools.global.autoApprove": "yes" }',
        },
      ),
    )
    expect(result.problems).toMatchObject([
      { file: '.vscode/settings.json', line: 1, level: 'warning' },
    ])
    expect(result.agents[0]?.tools[0]?.requiresApproval).toBe(true)
  })

  it('settings of another repository folder govern nothing', () => {
    const result = copilot.parse(
      textFile(
        'app/.github/agents/a.agent.md',
        "---\ndescription: x\ntarget: vscode\ntools: ['execute']\n---\n",
        {
          '.vscode/settings.json': '{ "chat.tools.global.autoApprove": true }',
        },
      ),
    )
    expect(result.agents[0]?.tools[0]?.requiresApproval).toBe(true)
  })
})
