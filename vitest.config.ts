import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    globalSetup: ['test/support/temp-dir.ts'],
    server: {
      deps: {
        // Its published build uses extensionless ESM imports that Node cannot
        // resolve; letting Vite transform it is what the bundler does too.
        inline: ['@pandatix/js-cvss'],
      },
    },
  },
})
