import {
  isPlaceholder,
  type DataPath,
  type ManifestFile,
  type Reading,
} from '../../manifest/kit.js'
import type { Resource } from './schema.js'
import type { Literal, Property } from './schema-values.js'
import { short, type Src } from './spec.js'

/**
 * CloudFormation values as the agent reads them: a literal, or a reference
 * resolved only at deployment. Intrinsic functions count as references in
 * both forms, the long one (`{Ref: X}`, read by the schema) and YAML's
 * short-form tags (`!Ref X`), which the YAML reader drops and which are
 * therefore looked for in the text of the property's line.
 */

/** One template being read. */
export interface Template {
  readonly read: Reading<unknown>
  /** YAML, where intrinsic functions may be short-form tags (`!Ref`). */
  readonly yaml: boolean
  readonly lines: readonly string[]
  /** By logical id (a Map: a hostile id is only a key). */
  readonly resources: ReadonlyMap<string, Resource>
  readonly file: ManifestFile
}

export const ABSENT: Property = { kind: 'absent' }

const INTRINSIC_TAG =
  /:\s*!(Ref|GetAtt|Sub|Join|If|Select|Split|FindInMap|ImportValue|Base64|Cidr|GetAZs|Transform)\b/

/** A property, with intrinsic functions (long or short form) kept as references. */
function cfn<T>(
  t: Template,
  path: DataPath,
  property: Property,
  pick: (literal: Literal) => T | undefined,
): Src<T> {
  const line = t.read.lineOf(path)
  switch (property.kind) {
    case 'absent':
    case 'mapping':
      return { line }
    case 'function':
      if (property.plain) return { value: pick(property.plain), line }
      return {
        ref: `${property.name} ${short(JSON.stringify(property.argument) ?? '')}`,
        line,
      }
    case 'literal': {
      const tag =
        line === undefined || !t.yaml
          ? undefined
          : INTRINSIC_TAG.exec(textNear(t, path, line))
      const string = property.string
      if (tag && string !== undefined) {
        if (tag[1] === 'Sub' && !string.includes('${'))
          return { value: pick(property), line }
        return {
          ref: `!${tag[1]} ${short(string)}`,
          value: pick(property),
          line,
        }
      }
      if (tag) return { ref: `!${tag[1]}`, line }
      if (string !== undefined && isPlaceholder(string))
        return { ref: string, value: pick(property), line }
      return { value: pick(property), line }
    }
  }
}

/**
 * The source text where a property is written: its line, or on a long line
 * (flow style) the stretch from its key on, so that looking at every
 * property of a template stays linear.
 */
function textNear(t: Template, path: DataPath, line: number): string {
  const text = t.lines[line - 1] ?? ''
  if (text.length <= NEAR) return text
  const column = t.read.doc.positionOf?.(path)?.column ?? 1
  return text.slice(column - 1, column - 1 + NEAR)
}
const NEAR = 400

/** The property `name` of the mapping at `base`, as text. */
export function textAt<K extends string>(
  t: Template,
  base: DataPath,
  fields: { readonly [key in K]: Property },
  name: K,
): Src<string> {
  return cfn(t, [...base, name], fields[name], (literal) => literal.scalar)
}

/** A property as a number (also a string of digits). */
export function numberAt(
  t: Template,
  path: DataPath,
  property: Property,
): Src<number> {
  return cfn(t, path, property, (literal) => literal.number)
}

/** The logical id a reference names, when it is a resource of the template. */
export function target(
  t: Template,
  id: string | undefined,
): string | undefined {
  return id !== undefined && t.resources.has(id) ? id : undefined
}
