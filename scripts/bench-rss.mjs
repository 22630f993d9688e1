// Preloaded by the benchmark: records the process's peak memory at exit.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const target = process.env.AIVSS_BENCH_RSS
  if (target) writeFileSync(target, String(process.resourceUsage().maxRSS))
})
