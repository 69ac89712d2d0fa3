/**
 * Semantic validation of a condition tree against the field registry. Written as a walker
 * rather than a zod union so that every error names the exact node (`/conditions/all/2/operator`)
 * and depth is bounded before recursion, so a hostile body cannot overflow the stack.
 */
import type { FieldError } from '../errors.ts';
import type { CustomFieldDefinition } from '../tickets/custom-fields.ts';
import {
  maxConditionDepth,
  maxConditionLeaves,
  type RuleCondition,
  type RuleConditionLeaf,
  type RuleConditionValue,
} from './conditions.ts';
import type { KnownIdKind } from './field-registry.ts';
import { isRuleOperator, operatorsFor } from './operators.ts';
import { pointerTo, zodIssuesToErrors } from './pointer.ts';
import { resolveRuleField } from './resolve-field.ts';
import type { RuleKind } from './rule-facts.ts';
import { valueSchemaFor } from './value-schemas.ts';

/** Ids that exist in the workspace, by collection; a collection left out is not checked. */
export type KnownIds = Partial<Record<KnownIdKind, ReadonlySet<string>>>;

export type ConditionContext = {
  kind: RuleKind;
  customFields: readonly CustomFieldDefinition[];
  knownIds?: KnownIds;
};

type Walk = { context: ConditionContext; errors: FieldError[]; leaves: number };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Errors for ids not in the known collection, at `pointer` or `pointer/<index>` for lists. */
export function unknownIdErrors(
  knownIds: KnownIds | undefined,
  kind: KnownIdKind,
  value: unknown,
  pointer: string,
): FieldError[] {
  const known = knownIds?.[kind];
  if (!known) return [];
  const check = (id: unknown, at: string) =>
    typeof id === 'string' && !known.has(id)
      ? [{ pointer: at, message: `Unknown id '${id}' in ${kind}.` }]
      : [];
  if (Array.isArray(value)) return value.flatMap((id, index) => check(id, pointerTo(pointer, index)));
  return check(value, pointer);
}

function walkLeaf(input: Record<string, unknown>, pointer: string, walk: Walk): RuleConditionLeaf | null {
  const { context, errors } = walk;
  walk.leaves += 1;
  const before = errors.length;
  for (const key of Object.keys(input)) {
    if (!['field', 'operator', 'value'].includes(key)) {
      errors.push({ pointer: pointerTo(pointer, key), message: `Unknown key '${key}'.` });
    }
  }
  const { field, operator } = input;
  if (typeof field !== 'string') {
    errors.push({
      pointer: pointerTo(pointer, 'field'),
      message: 'Must be a field id such as ticket.status.',
    });
    return null;
  }
  const spec = resolveRuleField(field, context.customFields);
  if (!spec?.kinds.includes(context.kind)) {
    const message = spec
      ? `Field '${field}' is not available in ${context.kind} rules.`
      : `Unknown field '${field}'.`;
    errors.push({ pointer: pointerTo(pointer, 'field'), message });
    return null;
  }
  const allowed = operatorsFor(spec.type, {
    isOrdered: spec.isOrdered,
    canChange: spec.changeKey !== undefined && context.kind === 'update',
  });
  if (!isRuleOperator(operator) || !allowed.includes(operator)) {
    errors.push({
      pointer: pointerTo(pointer, 'operator'),
      message: `Operator ${JSON.stringify(operator)} does not apply to ${field} (${spec.type}); use one of: ${allowed.join(', ')}.`,
    });
    return null;
  }
  const schema = valueSchemaFor(spec, operator);
  const valuePointer = pointerTo(pointer, 'value');
  if (!schema) {
    if (input.value !== undefined)
      errors.push({ pointer: valuePointer, message: `Operator '${operator}' takes no value.` });
    return errors.length > before ? null : { field, operator };
  }
  if (input.value === undefined) {
    errors.push({ pointer: valuePointer, message: `Operator '${operator}' needs a value.` });
    return null;
  }
  const parsed = schema.safeParse(input.value);
  if (!parsed.success) {
    errors.push(...zodIssuesToErrors(parsed.error.issues, valuePointer));
    return null;
  }
  if (spec.idKind) errors.push(...unknownIdErrors(context.knownIds, spec.idKind, parsed.data, valuePointer));
  return errors.length > before ? null : { field, operator, value: parsed.data as RuleConditionValue };
}

function walkNode(input: unknown, pointer: string, depth: number, walk: Walk): RuleCondition | null {
  if (!isObject(input)) {
    walk.errors.push({
      pointer,
      message:
        'Must be a group ({ "all": [...] } or { "any": [...] }) or a condition ({ field, operator, value }).',
    });
    return null;
  }
  const join = 'all' in input ? 'all' : 'any' in input ? 'any' : null;
  if (join === null) return walkLeaf(input, pointer, walk);
  const extra = Object.keys(input).filter((key) => key !== join);
  if (extra.length > 0) {
    walk.errors.push({ pointer: pointerTo(pointer, extra[0]!), message: `A group has only '${join}'.` });
    return null;
  }
  const children = input[join];
  const at = pointerTo(pointer, join);
  if (!Array.isArray(children)) {
    walk.errors.push({ pointer: at, message: 'Must be a list of conditions.' });
    return null;
  }
  if (depth > maxConditionDepth) {
    walk.errors.push({ pointer, message: `Groups nest at most ${maxConditionDepth} deep.` });
    return null;
  }
  // An empty top-level 'all' means "always" (tag every new ticket); anywhere else it is a mistake.
  if (children.length === 0 && !(depth === 1 && join === 'all')) {
    walk.errors.push({ pointer: at, message: 'A group needs at least one condition.' });
    return null;
  }
  const walked = children.map((child, index) => walkNode(child, pointerTo(at, index), depth + 1, walk));
  if (walked.some((child) => child === null)) return null;
  return join === 'all' ? { all: walked as RuleCondition[] } : { any: walked as RuleCondition[] };
}

/** The canonical tree (values parsed: trimmed, tags lower-cased, defaults filled) or every error found. */
export function validateConditions(
  input: unknown,
  context: ConditionContext,
  pointer = '/conditions',
): { conditions: RuleCondition | null; errors: FieldError[] } {
  const walk: Walk = { context, errors: [], leaves: 0 };
  const conditions = walkNode(input, pointer, 1, walk);
  if (walk.leaves > maxConditionLeaves) {
    walk.errors.push({ pointer, message: `A rule has at most ${maxConditionLeaves} conditions.` });
  }
  return walk.errors.length > 0 ? { conditions: null, errors: walk.errors } : { conditions, errors: [] };
}
