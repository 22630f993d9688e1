/**
 * What code scanning shows for each rule: what it checks, why it matters
 * and how to fix it, with the policy YAML that accepts the risk instead.
 * Rules of the built-in presets have their own words; a rule a team writes
 * is described by its own description. The OWASP Agentic Top 10 ids tag
 * the rules whose subject is one of its risks.
 */

export interface RuleGuide {
  /** Why a finding of this rule matters. */
  readonly why: string
  /** What to change in the manifest (or around it) to clear the finding. */
  readonly fix: string
  /** OWASP Agentic Top 10 (2026) ids of the risks the rule is about. */
  readonly owasp: readonly string[]
}

const LEAST_PRIVILEGE =
  'remove the tools it does not need, require human approval for tools that change things, narrow who can reach it, and declare the guardrails, sandbox and logging it runs with. Each of these lowers a factor of the score; none can raise it.'

const GUIDES: Readonly<Record<string, RuleGuide>> = {
  'critical-agents': {
    why: 'An agent scored Critical (AIVSS 9.0 or more) combines broad tools, autonomy and exposure: one steered prompt can do lasting harm before anyone sees it.',
    fix: `Lower what the agent can do: ${LEAST_PRIVILEGE}`,
    owasp: [],
  },
  'high-agents': {
    why: 'An agent scored High (AIVSS 7.0 or more) can do serious harm when its input is steered or its tools misused.',
    fix: `Lower what the agent can do: ${LEAST_PRIVILEGE}`,
    owasp: [],
  },
  'multi-agent-needs-guardrails': {
    why: 'Agents that delegate to or exchange work with other agents pass steered instructions along; without guardrails one hijacked agent misdirects the others.',
    fix: 'Declare the guardrails between the agents (input and output checks, allow-lists of whom each may call), or reduce delegation to what the task needs.',
    owasp: ['ASI07', 'ASI08'],
  },
  'new-unapproved-tools': {
    why: 'The change lets a tool that runs commands, code, cloud administration, payments or database writes act with no person approving each call.',
    fix: 'Require approval for the tool (the host permission list, `requiresApproval`, an ask rule), or leave it out of the agent.',
    owasp: ['ASI02'],
  },
  'removed-controls': {
    why: 'The change takes away a control the agent had (guardrails, a sandbox, authentication, logging or rate limits): its risk rises with no other change.',
    fix: 'Restore the control, or record why it is no longer needed with an exception that has a reason and an expiry.',
    owasp: [],
  },
  'code-tools-need-approval': {
    why: 'A shell or code-execution tool without human approval runs whatever the model writes, including what a steered prompt asks for.',
    fix: 'Require approval for shell and code tools (an ask rule, `requiresApproval`, the host approval mode), or remove them.',
    owasp: ['ASI02', 'ASI05'],
  },
  'code-tools-need-sandbox': {
    why: 'Shell or code-execution tools outside a sandbox reach the machine, its files and its credentials.',
    fix: 'Run the code in a declared sandbox (a container, a sandbox mode of the host), or remove the tools.',
    owasp: ['ASI05'],
  },
  'open-tool-list': {
    why: 'A manifest that lists no tools gets every tool of its host, including ones added later: nobody reviewed what it can do.',
    fix: 'List the tools the agent needs, and only those.',
    owasp: ['ASI02', 'ASI03'],
  },
  'unpinned-supply-chain': {
    why: 'Tool servers, images or models fetched without a pinned version can change what the agent runs with no change to the repository.',
    fix: 'Pin each server, image and model to a version or digest (`pkg@1.2.3`, `image@sha256:...`).',
    owasp: ['ASI04'],
  },
  'manifest-errors': {
    why: 'A manifest that cannot be read hides its agent: it is neither scored nor judged.',
    fix: 'Fix the file at the line the finding names (the message says what is wrong), so that the agent is read and scored.',
    owasp: [],
  },
  'declared-in-pull-request': {
    why: 'The pull request declares something about its own agent (controls, factor values, a mitigation) that makes it look safer than its manifest shows. What a pull request says about itself is a claim, not a review.',
    fix: 'Have the declarations reviewed and merged on their own, or change the manifest so that it shows the control.',
    owasp: [],
  },
  'asi01-goal-hijack': {
    why: 'Untrusted input (issues, web pages, mail, other users) reaches the agent and no guardrails are declared: the input can rewrite its goal.',
    fix: 'Declare guardrails on the input, or keep untrusted content away from the agent.',
    owasp: ['ASI01'],
  },
  'asi02-tool-misuse': {
    why: 'Tools that change things run with no person approving each call.',
    fix: 'Require human approval for the tools that change things, or remove them.',
    owasp: ['ASI02'],
  },
  'asi03-identity-privilege': {
    why: "The agent holds credentials or acts with users' identities and no authentication is declared for who may drive it.",
    fix: 'Declare authentication in front of the agent, and give it the narrowest credentials it needs.',
    owasp: ['ASI03'],
  },
  'asi04-supply-chain': {
    why: 'Tool servers, images or models can change without a change to the repository.',
    fix: 'Pin each server, image and model to a version or digest.',
    owasp: ['ASI04'],
  },
  'asi05-code-execution': {
    why: 'Code or shell tools run without a declared sandbox.',
    fix: 'Run code in a declared sandbox, or remove the tools.',
    owasp: ['ASI05'],
  },
  'asi06-memory-poisoning': {
    why: 'Long-term memory or retrieval of outside content, without guardrails, lets one poisoned input steer every later session.',
    fix: 'Declare guardrails on what is written to and read from memory, or keep memory to the session.',
    owasp: ['ASI06'],
  },
  'asi07-inter-agent': {
    why: 'The agent exchanges work with other agents and no authentication is declared between them.',
    fix: 'Authenticate the agents to each other, or reduce delegation to what the task needs.',
    owasp: ['ASI07'],
  },
  'asi08-cascading-failures': {
    why: 'Orchestration or unattended loops with no logging: a failure spreads before anyone can see where it started.',
    fix: 'Declare logging of the agent and its loops, and bound the loops.',
    owasp: ['ASI08'],
  },
  'asi09-human-trust': {
    why: 'People reach the agent on open channels and no guardrails are declared: its answers can mislead them.',
    fix: 'Declare guardrails on what it tells people, or narrow the channels.',
    owasp: ['ASI09'],
  },
  'asi10-rogue-agents': {
    why: 'Consequential actions with no logging: an agent acting against its purpose leaves no trace.',
    fix: 'Declare logging of its actions, and approval for the consequential ones.',
    owasp: ['ASI10'],
  },
}

/** The rules that have their own guide (and a section in the README). */
export const GUIDED_RULES: readonly string[] = Object.keys(GUIDES)

/**
 * A team's own rule: its description (shown, inert, as what it checks) is
 * all there is to say, so the guide is the same for every such rule.
 */
function customGuide(): RuleGuide {
  return {
    why: "A rule of this repository's policy: its authors decided that an agent matching it needs attention.",
    fix: `Change the agent so that the rule no longer matches; in general, ${LEAST_PRIVILEGE}`,
    owasp: [],
  }
}

export function guideFor(rule: string): RuleGuide {
  return Object.hasOwn(GUIDES, rule)
    ? (GUIDES[rule] as RuleGuide)
    : customGuide()
}

/** The README section that documents the rule. */
export function helpAnchor(rule: string): string {
  return Object.hasOwn(GUIDES, rule) ? `rule-${rule}` : 'the-policy-file'
}

/** The policy YAML that accepts a finding of the rule, for a reviewer to copy. */
export function exceptionYaml(rule: string): string {
  return [
    'exceptions:',
    `  - rule: ${rule}`,
    '    paths: ["path/of/the/manifest"]',
    '    reason: Why the risk is accepted, with the ticket that tracks it',
    '    expires: 2027-01-31',
  ].join('\n')
}
