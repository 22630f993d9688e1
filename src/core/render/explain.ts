import type { ScanResult } from '../scan.js'
import { plainText } from './escape.js'

/**
 * Every file discovery considered, and what became of it: read by a format,
 * or left out and why. For `--explain`, to answer "why was my agent (not)
 * found?".
 */
export function renderExplain(result: ScanResult): string {
  const rows: Array<[string, string, string]> = []
  for (const m of result.manifests) {
    rows.push([
      m.path,
      'read',
      `${m.format}: ${m.agents} agent${m.agents === 1 ? '' : 's'}`,
    ])
  }
  for (const n of result.notManifests)
    rows.push([n.path, 'not a manifest', n.reason])
  for (const r of result.discovery.rejected)
    rows.push([r.path, 'skipped', r.reason])
  // A would-be sidecar beside a file that holds no agent is a descriptor,
  // listed as read above.
  const read = new Set(result.manifests.map((m) => m.path))
  for (const [manifest, sidecar] of result.discovery.sidecars)
    if (!read.has(sidecar)) rows.push([sidecar, 'sidecar', `of ${manifest}`])
  for (const p of result.problems) {
    if (p.message.startsWith('skipped: '))
      rows.push([p.file, 'skipped', p.message.slice(9)])
    else if (p.message.startsWith('unreadable manifest: '))
      rows.push([p.file, 'unreadable', p.message.slice(21)])
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const width = Math.min(60, Math.max(4, ...rows.map((r) => r[0].length)))
  const lines = [
    `Discovery: ${result.discovery.considered} files considered, ${result.discovery.candidates.length} candidates, ${result.manifests.length} manifests read`,
    ...rows.map(
      // Paths and reasons hold file names, which may hold anything.
      ([path, what, why]) =>
        `  ${plainText(path, 4096).padEnd(width)}  ${what.padEnd(14)}  ${plainText(why, 4096)}`,
    ),
  ]
  return `${lines.join('\n')}\n`
}
