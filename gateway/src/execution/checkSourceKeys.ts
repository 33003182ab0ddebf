import type { OperationContext } from '@apollo/gateway/dist/operationContext';
import { isAbstractType, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { clientError, ErrorCode } from '@intel-gateway/shared/errors';
import type { PreparedContext } from './prepareContext';

/**
 * Refuses, when the plan is prepared, an operation in which the caller puts another field
 * under the response key of a field a context value is read from (`prop: id` on a type whose
 * `prop` is a source): the planner adds the source field to the parent's fetch under its
 * own name, so the caller's field would be answered with the source's value, which the
 * policy decided as the caller's field (and the context value could come from the caller's field).
 * The refusal is the client's to fix (another alias) and names only the caller's own field,
 * never the source, which may be outside the caller's schema.
 */
export function checkSourceKeys(context: PreparedContext, operationContext: OperationContext): void {
  const sources = new Set(context.sources.flat().map(({ type, field }) => `${type}.${field}`));
  const typeInfo = new TypeInfo(operationContext.schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field: (field) => {
      const key = field.alias?.value;
      const parent = typeInfo.getParentType();
      if (!key || key === field.name.value || !parent) return;
      const holders = isAbstractType(parent) ? operationContext.schema.getPossibleTypes(parent) : [parent];
      if (!holders.some((holder) => sources.has(`${holder.name}.${key}`))) return;
      const coordinate = `${parent.name}.${field.name.value}`;
      throw clientError(
        ErrorCode.BAD_USER_INPUT,
        `The alias "${key}" of ${coordinate} cannot be used: the gateway needs that response key there. Choose another alias.`,
        { extensions: { field: coordinate } },
      );
    },
  });
  for (const definition of [operationContext.operation, ...Object.values(operationContext.fragments)]) visit(definition, visitor);
}
