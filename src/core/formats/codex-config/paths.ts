import { joinPath, pathSegments } from '../../manifest/kit.js'

/** `.codex/config.toml` and `.codex/agents/*.toml`, anywhere. */
export function matchPath(path: string): 'yes' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  const parent = segments[segments.length - 2]
  if (parent === '.codex' && name === 'config.toml') return 'yes'
  return parent === 'agents' &&
    segments[segments.length - 3] === '.codex' &&
    /\.toml$/i.test(name)
    ? 'yes'
    : 'no'
}

/** A path relative to a directory; undefined for absolute and home paths. */
export function joinRelative(dir: string, ref: string): string | undefined {
  if (/^(\/|~|[A-Za-z]:)/.test(ref)) return undefined
  return joinPath(dir, ref, { clampAtRoot: true })
}
