import type { ResolvedPolicy } from './load.js'

/** What `aivss-gate policy check` prints: the resolved policy, rule by rule. */
export function describePolicy(policy: ResolvedPolicy): string {
  const lines = [`Policy ${policy.chain[0] ?? ''} is valid.`]
  if (policy.chain.length > 1)
    lines.push(`Extends: ${policy.chain.slice(1).join(' → ')}`)
  const aivss = policy.aivss
  lines.push(
    `AIVSS: version ${aivss.version ?? '0.8'}, threat multiplier ${String(aivss['threat-multiplier'] ?? 'poc')}, ` +
      `${aivss['factor-scale'] ?? 'continuous'} factors, declared controls ${aivss['mitigation-from-controls'] ? 'may' : 'may not'} set the mitigation factor`,
  )
  const scan = policy.scan
  if (
    scan.include ||
    scan.exclude ||
    scan.gitignore !== undefined ||
    scan['max-file-size']
  ) {
    lines.push(
      `Scan: include ${scan.include?.join(', ') ?? 'all'}; exclude ${scan.exclude?.join(', ') ?? 'nothing extra'}; ` +
        `.gitignore ${scan.gitignore === false ? 'ignored' : 'honoured'}${scan['max-file-size'] ? `; max file size ${scan['max-file-size']} bytes` : ''}`,
    )
  }
  lines.push(
    `Unreadable manifests: ${policy.manifestErrors}`,
    `Declarations under review: ${policy.declarationsUnderReview}${policy.trustedDeclarations.length > 0 ? `; trusted in ${policy.trustedDeclarations.join(', ')}` : ''}`,
    '',
    `Rules (${policy.rules.length}):`,
  )
  for (const rule of policy.rules) {
    lines.push(
      `  ${rule.action.padEnd(4)}  ${rule.id}${rule.description ? ` — ${rule.description}` : ''}`,
    )
    lines.push(
      `        when ${JSON.stringify(rule.when)}   [from ${rule.source}]`,
    )
  }
  if (policy.disabled.length > 0) {
    lines.push('', `Switched off (${policy.disabled.length}):`)
    for (const rule of policy.disabled)
      lines.push(`  off   ${rule.id}   [defined in ${rule.source}]`)
  }
  if (policy.exceptions.length > 0) {
    lines.push('', `Exceptions (${policy.exceptions.length}):`)
    for (const e of policy.exceptions) {
      const scope = [
        ...(e.paths ?? []),
        ...(e.agents ?? []).map((a) => `agent ${a}`),
      ].join(', ')
      lines.push(
        `  ${e.rule} on ${scope}${e.expires ? ` until ${e.expires}` : ''}: ${e.reason}   [${e.source}${e.line ? `:${e.line}` : ''}]`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}
