import type { OperationContext } from '@apollo/gateway/dist/operationContext';
import { isAbstractType, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { type PreparedContext, unsupported } from './prepareContext';

/**
 * Refuses, when the plan is prepared, an operation in which the caller puts another field
 * under the response key of a field a context value is read from (`prop: id` on a type whose
 * `prop` is a source): the planner adds the source field to the parent's fetch under its
 * own name, so the caller's field would be answered with the source's value, which the
 * policy decided as the caller's field (and the context value could come from the caller's field).
 */
export function checkSourceKeys(serviceName: string, context: PreparedContext, operationContext: OperationContext): void {
  const sources = new Set(context.sources.flat().map(({ type, field }) => `${type}.${field}`));
  const typeInfo = new TypeInfo(operationContext.schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field: (field) => {
      const key = field.alias?.value;
      const parent = typeInfo.getParentType();
      if (!key || key === field.name.value || !parent) return;
      const holders = isAbstractType(parent) ? operationContext.schema.getPossibleTypes(parent) : [parent];
      const taken = holders.find((holder) => sources.has(`${holder.name}.${key}`));
      if (taken)
        throw unsupported(serviceName, `the response key ${key} of ${taken.name}.${key} is taken by another field of the operation`);
    },
  });
  for (const definition of [operationContext.operation, ...Object.values(operationContext.fragments)]) visit(definition, visitor);
}
