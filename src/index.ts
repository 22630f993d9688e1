import { run } from './action/main.js'

/* istanbul ignore next: the entry point only starts the Action */
await run()
