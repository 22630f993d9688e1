/**
 * SHA-256 of a text, in hex. node:crypto is loaded on first use rather than
 * with the module: most runs never need a digest, and loading it costs the
 * Action's cold start about 10 ms.
 */
export function sha256(text: string): string {
  const { createHash } = process.getBuiltinModule('node:crypto')
  return createHash('sha256').update(text).digest('hex')
}
