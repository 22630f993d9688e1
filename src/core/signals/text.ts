import { RecentByText } from '../recent-by-text.js'
import type { AgentProfile } from '../profile/schema.js'

/**
 * Phrases in an agent's own prose (description, instructions, skills) that
 * say what it does. Each pattern names a capability; a match that follows a
 * negation ("without human approval", "no memory") does not count.
 */
export const TEXT_PATTERNS = {
  autonomous:
    /\b(autonomous(ly)?|without (human|manual) (input|intervention|involvement)|independently|self-directed|hands-free|unattended|on its own|end-to-end automation)\b/i,
  orchestration:
    /\b(orchestrat\w*|multi-?agent|multiple (ai )?agents|agent (teams?|crews?|swarms?|network)|constellations?|swarms?|sub-?agents?|worker agents|delegat\w* (tasks|work) to|hands? (off )?(tasks|work) to|coordinat\w* (\w+ ){0,3}agents)\b/i,
  planning:
    /\b(plans?|planning|multi-?step|decompos\w*|break\w* (down )?(goals|tasks)|workflows?|process(es)? automation|automat\w* (\w+ ){0,2}process\w*|reason\w* (through|about)|re-?plan\w*)\b/i,
  actions:
    /\b(automat\w*|execut\w*|takes? actions?|perform\w* actions?|api (calls|requests|actions)|external (apis|systems|tools)|integrat\w*|trigger\w* (\w+ ){0,2}actions?|tool calls?|make\w* (external )?(api )?requests)\b/i,
  memory:
    /\b(long-?term memory|persistent memory|memory|remembers?|recall\w*|past (conversations|interactions)|conversation history|customer (data|profiles?|history)|cdp|learns? from (past|previous))\b/i,
  context:
    /\b(customer (data|profiles?|context)|real-?time (data|context)|knowledge (base|sources?|assets)|rag|retriev\w*|documents?|crm|erp|web (search|browsing)|brows\w*|inbox|emails?|tickets?|data platform|environment)\b/i,
  channels:
    /\b(omni-?channel|multi-?channel|sms|voice|whatsapp|phone calls?|email|web ?chat|messaging|slack|teams|channels)\b/i,
  selfImprove:
    /\b(self-?(improv\w*|modif\w*|learn\w*|heal\w*|evolv\w*)|learns? and adapts?|adapts? (its|their) (own )?(behaviou?r|prompts?)|rewrites? (its|their) own|updates? (its|their) own (prompts?|instructions|configuration))\b/i,
  codeGeneration:
    /\b(generat\w* (and (run|execut)\w* )?code|writes? (and runs? )?code|code generation|execut\w* (python|code|scripts?)|runs? (shell )?commands?)\b/i,
  actsForUsers:
    /\b(on behalf of|impersonat\w*|acts? as (the )?users?|assumes? (\w+ )?roles?|multi-?tenant|cross-?tenant|delegated (access|permissions)|customer identit\w*|user'?s? (credentials|accounts?|identity))\b/i,
  guardrails:
    /\b(guardrails?|content (filter\w*|moderation)|safety (filters?|checks?)|policy enforcement|jailbreak detection|prompt injection (detection|protection))\b/i,
  humanInLoop:
    /\b(human[- ]in[- ]the[- ]loop|human (review|approval|oversight|sign-?off)|approv\w* before|requires? (human )?approval|escalat\w* to (a )?human)\b/i,
  observability:
    /\b(simulat\w*|tracing|traces?|observab\w*|audit (logs?|trails?)|logging|monitor\w*|analytics|evaluations?|evals?|human feedback)\b/i,
  opaque:
    /\b(closed[- ]source|proprietary|black[- ]box|undisclosed|no (public )?(documentation|transparency)|not (publicly )?documented)\b/i,
  securityPurpose:
    /\b(security (operations|agent|analyst|review\w*|scann\w*)|soc\b|siem|threat (detection|hunting|intelligence)|vulnerabilit\w* (scan\w*|triage|management)|penetration test\w*|pentest\w*|incident response|malware)\b/i,
  deterministic:
    /\b(deterministic|rule-?based|fixed (rules|workflow|steps)|structured (inputs?|outputs?)|schema-?validated)\b/i,
} as const

export type TextSignal = keyof typeof TEXT_PATTERNS

/** "… sub-agents are not declared": a negation right after the phrase. */
const NEGATED_AFTER =
  /^[^.;:!?]{0,12}\b(is|are|was|were|does|do)\s+not\b|^[^.;:!?]{0,12}\b(isn't|aren't|not (declared|used|stated|supported))\b/i

const NEGATION =
  /\b(no|not|without|never|lacks?|lacking|cannot|can't|doesn't|does not|isn't)\b[^.;:!?]{0,24}$/i

/**
 * The prose of a profile that text signals read, by the field it came from:
 * what the agent says about itself. Notes are left out: formats write them
 * about the manifest, and their wording must not move scores.
 */
export function proseOf(profile: AgentProfile): Array<[string, string]> {
  const parts: Array<[string, string]> = []
  if (profile.description) parts.push(['description', profile.description])
  for (const skill of profile.skills) {
    parts.push([
      `skills.${skill.name}`,
      `${skill.name} ${skill.description ?? ''}`,
    ])
  }
  if (profile.instructions) parts.push(['instructions', profile.instructions])
  return parts
}

export interface TextMatch {
  readonly field: string
  readonly phrase: string
}

/** Global copies of the patterns, for matchAll (which clones them). */
const GLOBAL_PATTERNS = Object.fromEntries(
  Object.entries(TEXT_PATTERNS).map(([id, pattern]) => [
    id,
    new RegExp(pattern.source, 'gi'),
  ]),
) as Record<TextSignal, RegExp>

/**
 * Agents repeat their prose (the same instructions in every copy of a
 * template, the same skill in every card), so the answers for recent prose
 * are kept: by the prose, then by signal. Bounded by count and by size.
 */
const recent = new RecentByText<Map<TextSignal, TextMatch | undefined>>(
  256,
  4 * 1024 * 1024,
  256 * 1024,
)

/** The answers already known for this prose, to be filled in as asked. */
export function answersFor(
  prose: ReadonlyArray<readonly [string, string]>,
): Map<TextSignal, TextMatch | undefined> {
  const key = prose
    .map(([field, text]) => `${field}\u0000${text}`)
    .join('\u0001')
  let answers = recent.take(key)
  if (answers === undefined) {
    answers = new Map()
    recent.keep(key, answers)
  }
  return answers
}

/** The first non-negated match of a text signal, with the field it is in. */
export function findText(
  prose: ReadonlyArray<readonly [string, string]>,
  signal: TextSignal,
): TextMatch | undefined {
  const pattern = GLOBAL_PATTERNS[signal]
  for (const [field, text] of prose) {
    for (const match of text.matchAll(pattern)) {
      const before = text.slice(Math.max(0, match.index - 40), match.index)
      const after = text.slice(
        match.index + match[0].length,
        match.index + match[0].length + 40,
      )
      if (!NEGATION.test(before) && !NEGATED_AFTER.test(after))
        return { field, phrase: match[0] }
    }
  }
  return undefined
}
