import type { DataPath } from '../../manifest/kit.js'
import { textAt, type Template } from './map-cloudformation-values.js'
import { openApiFunctions } from './map-openapi.js'
import type { ActionGroup } from './schema.js'
import type { ActionGroupSpec, FunctionSpec, Src } from './spec.js'

/** An action group of a template agent: its functions, or its API schema. */
export function templateActionGroup(
  t: Template,
  path: DataPath,
  group: ActionGroup,
): ActionGroupSpec {
  const get = (
    name:
      | 'ActionGroupName'
      | 'Description'
      | 'ParentActionGroupSignature'
      | 'ActionGroupState',
  ): Src<string> => textAt(t, path, group, name)
  const functions: FunctionSpec[] = []
  const list = group.FunctionSchema?.Functions ?? []
  list.forEach((fn, i) => {
    const at = [...path, 'FunctionSchema', 'Functions', i]
    const name = textAt(t, at, fn, 'Name').value
    if (!name) return
    functions.push({
      name,
      description: textAt(t, at, fn, 'Description').value,
      line: t.read.lineOf(at),
      confirmation: textAt(t, at, fn, 'RequireConfirmation'),
      source: 'code',
    })
  })
  let opaqueSchema: string | undefined
  const schema = group.ApiSchema
  if (schema) {
    const payload = textAt(t, [...path, 'ApiSchema'], schema, 'Payload')
    const parsed =
      payload.value !== undefined && payload.ref === undefined
        ? openApiFunctions(payload.value, t.file.path, payload.line)
        : undefined
    if (parsed) functions.push(...parsed)
    else if (schema.S3) opaqueSchema = 'stored in S3'
    else opaqueSchema = 'set through a reference or unreadable'
  }
  return {
    name: get('ActionGroupName').value ?? 'action group',
    line: t.read.lineOf(path),
    description: get('Description').value,
    signature: get('ParentActionGroupSignature').value,
    disabled: get('ActionGroupState').value === 'DISABLED',
    returnControl:
      group.ActionGroupExecutor?.CustomControl === 'RETURN_CONTROL',
    functions,
    opaqueSchema,
  }
}
