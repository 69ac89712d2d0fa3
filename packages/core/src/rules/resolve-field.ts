/**
 * Field ids to specs, including the prefixed families. With custom field definitions (at
 * save) a custom field gets its declared type; without them (at run time) it reads as an
 * untyped scalar, which compares the same way for every value validation let through. So a
 * stored rule compiles without a database lookup, and a later-deleted custom field simply
 * reads as blank instead of failing every run.
 */
import type { CustomFieldDefinition, CustomFieldType } from '../tickets/custom-fields.ts';
import { type RuleFieldSpec, staticRuleFields } from './field-registry.ts';
import type { RuleValueType } from './operators.ts';
import type { AttributeValue, RuleFacts } from './rule-facts.ts';

const customFieldPrefix = 'ticket.customFields.';
const requesterAttributePrefix = 'requester.attributes.';
const organizationAttributePrefix = 'organization.attributes.';
const maxKeyLength = 100;

const valueTypeOfCustomField: Readonly<Record<CustomFieldType, RuleValueType>> = {
  text: 'text',
  number: 'number',
  dropdown: 'enum',
  date: 'date',
  checkbox: 'boolean',
};

function ownValue(record: Readonly<Record<string, AttributeValue>> | undefined, key: string): AttributeValue {
  return record && Object.hasOwn(record, key) ? (record[key] ?? null) : null;
}

function customFieldSpec(key: string, definitions?: readonly CustomFieldDefinition[]): RuleFieldSpec | null {
  const read = (facts: RuleFacts) => ownValue(facts.ticket.customFields, key);
  const base = { id: `${customFieldPrefix}${key}`, changeKey: `customFields.${key}`, read };
  if (!definitions) return { ...base, type: 'scalar', kinds: ['creation', 'update', 'time'] };
  const definition = definitions.find((candidate) => candidate.key === key);
  if (!definition) return null;
  const values =
    definition.type === 'dropdown' ? definition.options.map((option) => option.value) : undefined;
  return {
    ...base,
    type: valueTypeOfCustomField[definition.type],
    kinds: ['creation', 'update', 'time'],
    ...(values ? { values } : {}),
  };
}

/**
 * The spec of `id`, or null when no such field exists. Pass the workspace's custom field
 * definitions when validating; omit them when compiling a stored rule.
 */
export function resolveRuleField(
  id: string,
  customFields?: readonly CustomFieldDefinition[],
): RuleFieldSpec | null {
  const known = staticRuleFields.get(id);
  if (known) return known;
  const keyAfter = (prefix: string) => {
    const key = id.slice(prefix.length);
    return id.startsWith(prefix) && key.length > 0 && key.length <= maxKeyLength ? key : null;
  };
  const customKey = keyAfter(customFieldPrefix);
  if (customKey !== null) return customFieldSpec(customKey, customFields);
  const requesterKey = keyAfter(requesterAttributePrefix);
  if (requesterKey !== null) {
    return scalarAttribute(id, (facts) => ownValue(facts.requester?.attributes, requesterKey));
  }
  const organizationKey = keyAfter(organizationAttributePrefix);
  if (organizationKey !== null) {
    return scalarAttribute(id, (facts) => ownValue(facts.organization?.attributes, organizationKey));
  }
  return null;
}

function scalarAttribute(id: string, read: RuleFieldSpec['read']): RuleFieldSpec {
  return { id, type: 'scalar', kinds: ['creation', 'update', 'time'], read };
}
