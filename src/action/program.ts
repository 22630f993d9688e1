import { run } from './main.js'

// The Action's program, run by dist/index.js (see host/run-program.ts).
await run()
