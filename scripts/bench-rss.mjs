// Preloaded by the benchmark into every Node process of a scan (the CLI's
// entry and the program it starts): each adds its peak memory at exit, and
// the benchmark takes the largest.
import { appendFileSync } from 'node:fs'

process.on('exit', () => {
  const target = process.env.AIVSS_BENCH_RSS
  if (target) appendFileSync(target, `${process.resourceUsage().maxRSS}\n`)
})
