// The README's "Rules in code scanning" section, built from the guides that
// SARIF's rule help carries (src/core/render/sarif-help.ts): each rule's
// helpUri points at its heading here, so the page and the alert say the
// same. Node 24 reads the TypeScript module directly (type stripping).
const { GUIDED_RULES, exceptionYaml, guideFor } = await import(
  new URL('../src/core/render/sarif-help.ts', import.meta.url)
)

export function rulesSection() {
  return GUIDED_RULES.map((id) => {
    const guide = guideFor(id)
    const owasp =
      guide.owasp.length > 0
        ? `OWASP Agentic Top 10: ${guide.owasp.map((t) => `\`${t}\``).join(', ')}.`
        : 'OWASP Agentic Top 10: the risks of the agents it flags.'
    return [
      `#### Rule \`${id}\``,
      '',
      `**Why it matters:** ${guide.why}`,
      '',
      `**How to fix it:** ${guide.fix}`,
      '',
      owasp,
      '',
      '```yaml',
      exceptionYaml(id),
      '```',
    ].join('\n')
  }).join('\n\n')
}
