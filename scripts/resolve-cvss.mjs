// Lets plain Node run the compiled core in lib/: @pandatix/js-cvss ships
// ESM with extensionless relative imports (`export * from './cvss40'`),
// which Node's resolver refuses. The bundler and Vitest resolve them; this
// hook does the same for that one package, so a script can import lib/.
import { registerHooks } from 'node:module'

const PACKAGE = '/node_modules/@pandatix/js-cvss/'

registerHooks({
  resolve(specifier, context, nextResolve) {
    const inPackage = context.parentURL?.includes(PACKAGE) ?? false
    if (inPackage && /^\.\.?\/[^.]*$/.test(specifier))
      return nextResolve(`${specifier}.js`, context)
    return nextResolve(specifier, context)
  },
})
