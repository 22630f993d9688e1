import { describe, expect, it } from 'vitest'
import {
  ASI_RISKS,
  MAESTRO_LAYERS,
  OWASP_THREATS,
} from '../../src/core/maestro/catalog.js'
import {
  CROSS_LAYER_RULES,
  LAYER_PINS,
  THREAT_RULES,
} from '../../src/core/maestro/rules.js'
import { buildThreatModel } from '../../src/core/maestro/threat-model.js'
import { ProfileFacts, SIGNALS } from '../../src/core/signals/signals.js'
import { cli } from '../support/cli.js'
import { tempTree } from '../support/files.js'
import { profile } from '../support/profiles.js'

/** The published MAESTRO threat labels, per layer (CSA, February 2025). */
const PUBLISHED: Record<number, string[]> = {
  1: [
    'Adversarial Examples',
    'Model Stealing',
    'Backdoor Attacks',
    'Membership Inference Attacks',
    'Data Poisoning (Training Phase)',
    'Reprogramming Attacks',
    'Denial of Service (DoS) Attacks',
  ],
  2: [
    'Data Poisoning',
    'Data Exfiltration',
    'Denial of Service on Data Infrastructure',
    'Data Tampering',
    'Compromised RAG Pipelines',
  ],
  3: [
    'Compromised Framework Components',
    'Backdoor Attacks',
    'Input Validation Attacks',
    'Supply Chain Attacks',
    'Denial of Service on Framework APIs',
    'Framework Evasion',
  ],
  4: [
    'Compromised Container Images',
    'Orchestration Attacks',
    'Infrastructure-as-Code (IaC) Manipulation',
    'Denial of Service (DoS) Attacks',
    'Resource Hijacking',
    'Lateral Movement',
  ],
  5: [
    'Manipulation of Evaluation Metrics',
    'Compromised Observability Tools',
    'Denial of Service on Evaluation Infrastructure',
    'Evasion of Detection',
    'Data Leakage through Observability',
    'Poisoning Observability Data',
  ],
  6: [
    'Security Agent Data Poisoning',
    'Evasion of Security AI Agents',
    'Compromised Security AI Agents',
    'Regulatory Non-Compliance',
    'Bias',
    'Lack of Explainability',
    'Model Extraction',
  ],
  7: [
    'Compromised Agents',
    'Agent Impersonation',
    'Agent Identity Attack',
    'Agent Tool Misuse',
    'Agent Goal Manipulation',
    'Marketplace Manipulation',
    'Integration Risks',
    'Horizontal/Vertical Solution Vulnerabilities',
    'Repudiation',
    'Compromised Agent Registry',
    'Malicious Agent Discovery',
    'Agent Pricing Model Manipulation',
    'Inaccurate Agent Capability Description',
  ],
}
const CROSS = [
  'Supply Chain Attacks',
  'Lateral Movement',
  'Privilege Escalation',
  'Data Leakage',
  'Goal Misalignment Cascades',
]

describe('the MAESTRO rule table', () => {
  it('uses published labels (layer 6 may name governance items), known ids and signals', () => {
    const ids = [...THREAT_RULES, ...CROSS_LAYER_RULES].map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of THREAT_RULES) {
      const allowed = PUBLISHED[rule.layer] ?? []
      expect(
        allowed.includes(rule.label) ||
          (rule.layer === 6 && rule.label.startsWith('Governance: ')),
        `${rule.id} ${rule.label}`,
      ).toBe(true)
    }
    // Cross-layer entries use the five cross-layer labels, or a label of one of their layers.
    for (const rule of CROSS_LAYER_RULES) {
      const allowed = [
        ...CROSS,
        ...rule.layers.flatMap((layer) => PUBLISHED[layer] ?? []),
      ]
      expect(allowed, rule.id).toContain(rule.label)
    }
    for (const rule of [...THREAT_RULES, ...CROSS_LAYER_RULES]) {
      for (const id of [...rule.when, ...(rule.unless ?? [])])
        expect(Object.keys(SIGNALS)).toContain(id)
      for (const id of rule.owasp)
        expect(Object.keys(OWASP_THREATS)).toContain(id)
      for (const id of rule.asi) expect(Object.keys(ASI_RISKS)).toContain(id)
      expect(rule.owasp.length + rule.asi.length).toBeGreaterThan(0)
    }
    for (const layer of MAESTRO_LAYERS) {
      for (const id of LAYER_PINS[layer.layer])
        expect(Object.keys(SIGNALS)).toContain(id)
    }
  })
})

describe('buildThreatModel', () => {
  it('gives seven layers in order, each pinned or not certain, never pinned by an absent field', () => {
    const model = buildThreatModel(
      profile({ description: 'Answers questions.' }),
    )
    expect(model.layers.map((l) => `${l.layer} ${l.name}`)).toEqual([
      '1 Foundation Models',
      '2 Data Operations',
      '3 Agent Frameworks',
      '4 Deployment and Infrastructure',
      '5 Evaluation and Observability',
      '6 Security and Compliance',
      '7 Agent Ecosystem',
    ])
    for (const layer of model.layers) {
      expect(layer.pinned).toBe(false)
      expect(layer.pinnedBy).toEqual([])
      expect(layer.threats).toEqual([])
      expect(layer.summary).toMatch(/^Not certain from the manifest: /)
    }
    expect(model.crossLayer).toEqual([])
  })

  it('says layer 4 is not certain when nothing is said about hosting, and pins it by a declared sandbox', () => {
    const silent = buildThreatModel(
      profile({ tools: [{ name: 'python', kind: 'code-exec' }] }),
    )
    expect(silent.layers[3]?.pinned).toBe(true)
    const noHosting = buildThreatModel(
      profile({ tools: [{ name: 'search', kind: 'search' }] }),
    )
    expect(noHosting.layers[3]).toMatchObject({ pinned: false })
    expect(noHosting.layers[3]?.summary).toMatch(
      /^Not certain from the manifest: hosting, sandboxing, secrets and network isolation are not declared/,
    )
    const sandboxed = buildThreatModel(
      profile({
        tools: [{ name: 'python', kind: 'code-exec' }],
        controls: { sandbox: true },
        evidence: { 'controls.sandbox': 9 },
      }),
    )
    const layer4 = sandboxed.layers[3]
    expect(layer4?.pinned).toBe(true)
    expect(layer4?.pinnedBy).toContain('sandbox: true (line 9)')
    expect(layer4?.threats.map((t) => t.label)).toEqual(['Resource Hijacking'])
    expect(layer4?.mitigationsPresent.join()).toMatch(/isolated sandbox/)
    expect(sandboxed.crossLayer.map((t) => t.label)).not.toContain(
      'Privilege Escalation',
    )
  })

  it('cites OWASP ids with the document version and marks mitigations declared or missing', () => {
    const model = buildThreatModel(
      profile({
        tools: [{ name: 'send_email', kind: 'email' }],
        exposure: { reach: 'public', channels: ['sms'], untrustedInput: true },
        controls: { guardrails: true },
      }),
    )
    const misuse = model.layers[6]?.threats.find(
      (t) => t.label === 'Agent Tool Misuse',
    )
    expect(misuse?.ids).toEqual([
      'T2 (OWASP Agentic T&M v1.0)',
      'ASI02 (OWASP Agentic Top 10 2026)',
    ])
    expect(misuse?.text).toMatch(
      /^Tools that change things: send_email \(email\)/,
    )
    expect(misuse?.mitigations).toContain(
      'human approval for consequential actions (missing)',
    )
    const goal = model.layers[6]?.threats.find(
      (t) => t.label === 'Agent Goal Manipulation',
    )
    expect(goal?.mitigations).toContain(
      'input and output guardrails (declared)',
    )
  })

  it('flags the dangerous combination of untrusted input and unapproved actions', () => {
    const model = buildThreatModel(
      profile({
        tools: [
          { name: 'web_fetch', kind: 'network', readOnly: true },
          { name: 'bash', kind: 'shell' },
        ],
      }),
    )
    expect(model.crossLayer.map((t) => t.rule)).toEqual(
      expect.arrayContaining(['X-01', 'X-03']),
    )
    const approved = buildThreatModel(
      profile({
        tools: [
          { name: 'web_fetch', kind: 'network', readOnly: true },
          { name: 'bash', kind: 'shell' },
        ],
        controls: { humanApproval: true, sandbox: true },
      }),
    )
    expect(approved.crossLayer.map((t) => t.rule)).not.toContain('X-01')
    expect(approved.crossLayer.map((t) => t.rule)).not.toContain('X-03')
  })

  it('uses the literal layer 6 catalogue for security agents', () => {
    const model = buildThreatModel(
      profile({ description: 'A SOC agent that triages SIEM alerts.' }),
    )
    expect(model.layers[5]?.threats.map((t) => t.label)).toContain(
      'Evasion of Security AI Agents',
    )
  })
})

describe('reports with the threat model', () => {
  const root = tempTree({
    'a.aivss.yml':
      'name: a\ndescription: Orchestrates worker agents.\ntools: [bash, web_search]\nsubAgents: [b]\n',
    'b.aivss.yml':
      'name: b\ntools: [{ name: notes, kind: file-write }]\ncontrols: { sandbox: true, logging: true }\n',
  })

  it('gives byte-identical reports for the same input', () => {
    for (const format of ['json', 'markdown', 'text']) {
      const first = cli(['scan', root, '--format', format]).stdout
      expect(cli(['scan', root, '--format', format]).stdout).toBe(first)
    }
  })

  it('puts the summary and the seven layers into the JSON and markdown reports', () => {
    const report = JSON.parse(
      cli(['scan', root, '--format', 'json']).stdout,
    ) as {
      agents: Array<{
        name: string
        summary: string
        maestro: Array<{
          layer: number
          pinned: boolean
          threats: Array<{ ids: string[] }>
        }>
      }>
    }
    const a = report.agents.find((x) => x.name === 'a')
    expect(a?.summary).toMatch(
      /^a presents a (critical|high|medium|low)-risk profile/,
    )
    expect(a?.maestro.map((l) => l.layer)).toEqual([1, 2, 3, 4, 5, 6, 7])
    const markdown = cli(['scan', root, '--format', 'markdown']).stdout
    expect(markdown).toMatch(
      /<details><summary>MAESTRO threat model: \d of 7 layers pinned/,
    )
    expect(markdown).toMatch(/\*\*L4 Deployment and Infrastructure\*\* — /)
    expect(markdown).toMatch(/⚠ not certain from the manifest/)
  })
})

describe('model.unpinned evidence', () => {
  const facts = (model: { name: string; unresolved: true }) =>
    SIGNALS['model.unpinned'](
      new ProfileFacts(profile({ model: { ...model } })),
    )

  it('calls a host alias an alias, not a placeholder', () => {
    expect(facts({ name: 'sonnet', unresolved: true })).toMatch(
      /^model alias "sonnet" is resolved by the host at run time/,
    )
  })

  it('still calls a variable a placeholder', () => {
    expect(facts({ name: '${MODEL}', unresolved: true })).toMatch(
      /^model set by a placeholder/,
    )
    expect(facts({ name: '{env:MODEL}', unresolved: true })).toMatch(
      /^model set by a placeholder/,
    )
  })
})
