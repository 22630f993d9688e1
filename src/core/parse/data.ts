/**
 * Small, total accessors for data read from manifests, whose shape is never
 * guaranteed: each returns undefined instead of throwing on the wrong type.
 */

export type DataRecord = Record<string, unknown>

export function isRecord(value: unknown): value is DataRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function asRecord(value: unknown): DataRecord | undefined {
  return isRecord(value) ? value : undefined
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined
}

/** Strings of a list, skipping anything else. */
export function asStrings(value: unknown): string[] {
  return (asArray(value) ?? []).filter(
    (item): item is string => typeof item === 'string',
  )
}

/** Own enumerable entries of a mapping, or none. */
export function entriesOf(value: unknown): Array<[string, unknown]> {
  return isRecord(value) ? Object.entries(value) : []
}

/** Placeholders that stand for a value set elsewhere: `${VAR}`, `${{ secrets.X }}`, `=Env.X`, `$[file(...)]`, `{var}`. */
const PLACEHOLDER =
  /\$\{\{?[^}]*\}\}?|\$\[[^\]]*\]|^=\s*[A-Za-z]|\{\{[^}]*\}\}|\$\([^)]*\)|\$\{input:[^}]*\}|^\{[A-Za-z_][\w.]*\}$/

/** The value is a placeholder, unknown until deployment (not absent). */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDER.test(value.trim())
}
