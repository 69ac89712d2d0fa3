/** The field registry as data for rule editors: every field with its type, values and operators. */
import type { CustomFieldDefinition } from '../tickets/custom-fields.ts';
import { staticRuleFields } from './field-registry.ts';
import { operatorsFor, type RuleOperator, type RuleValueType } from './operators.ts';
import { resolveRuleField } from './resolve-field.ts';
import type { RuleKind } from './rule-facts.ts';

export type RuleFieldDescription = {
  /** A field id; ids ending in '.*' stand for a family keyed by any attribute name. */
  id: string;
  type: RuleValueType;
  values?: readonly string[];
  /** Operators in creation and time rules; update rules also get `changeOperators` where listed. */
  operators: readonly RuleOperator[];
  changeOperators: readonly RuleOperator[];
  kinds: readonly RuleKind[];
};

/** Every field conditions may use in this workspace, custom fields included. */
export function describeRuleFields(context: {
  customFields: readonly CustomFieldDefinition[];
}): RuleFieldDescription[] {
  const custom = context.customFields.flatMap((field) => {
    const spec = resolveRuleField(`ticket.customFields.${field.key}`, context.customFields);
    return spec ? [spec] : [];
  });
  const families = ['requester.attributes.*', 'organization.attributes.*'].map((id) => ({
    ...resolveRuleField(id.replace('*', 'key'))!,
    id,
  }));
  return [...staticRuleFields.values(), ...custom, ...families].map((spec) => {
    const operators = operatorsFor(spec.type, { isOrdered: spec.isOrdered });
    const withChanges = operatorsFor(spec.type, {
      isOrdered: spec.isOrdered,
      canChange: spec.changeKey !== undefined,
    });
    return {
      id: spec.id,
      type: spec.type,
      ...(spec.values ? { values: spec.values } : {}),
      operators,
      changeOperators: withChanges.filter((operator) => !operators.includes(operator)),
      kinds: spec.kinds,
    };
  });
}
