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

/** A string with something in it: undefined when blank. */
export function asText(value: unknown): string | undefined {
  const text = asString(value)
  return text && text.trim() !== '' ? text : undefined
}

/** A number, also when the manifest keeps it as a string of digits (`"5"`). */
export function asNumeric(value: unknown): number | undefined {
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
    return Number(value)
  }
  return asNumber(value)
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

/**
 * A lookup table's entry for a key read from a manifest: own keys only, so
 * that a hostile key such as `constructor` never finds Object's.
 */
export function ownValue<T>(
  table: Readonly<Record<string, T>>,
  key: string,
): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** Own keys of a mapping (env var or header names, hook events), or none. */
export function keysOf(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : []
}

/** Placeholders that stand for a value set elsewhere: `${VAR}`, `${{ secrets.X }}`, `=Env.X`, `$[file(...)]`, `{var}`. */
const PLACEHOLDER =
  /\$\{\{?[^}]*\}\}?|\$\[[^\]]*\]|^=\s*[A-Za-z]|\{\{[^}]*\}\}|\$\([^)]*\)|\$\{input:[^}]*\}|^\{[A-Za-z_][\w.]*\}$/

/** The value is a placeholder, unknown until deployment (not absent). */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDER.test(value.trim())
}
