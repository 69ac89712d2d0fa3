/**
 * Conditions form a tree: `{ all: [...] }` and `{ any: [...] }` groups, nested, with
 * `{ field, operator, value }` leaves. Precedence is the shape of the data, never an
 * operator carried from one line to the next.
 */
import { z } from 'zod';
import { type RuleOperator, ruleOperators } from './operators.ts';
import { wordsValueSchema } from './value-schemas.ts';

export const maxConditionDepth = 8;
export const maxConditionLeaves = 200;

export type WordsValue = { words: readonly string[]; match: 'any' | 'all' | 'none' };
export type RuleConditionValue =
  | string
  | number
  | boolean
  | readonly (string | number | boolean)[]
  | WordsValue;
export type RuleConditionLeaf = { field: string; operator: RuleOperator; value?: RuleConditionValue };
export type RuleConditionGroup = { all: readonly RuleCondition[] } | { any: readonly RuleCondition[] };
export type RuleCondition = RuleConditionGroup | RuleConditionLeaf;

/** The group's join and children, or null for a leaf. */
export function groupParts(
  condition: RuleCondition,
): { join: 'all' | 'any'; children: readonly RuleCondition[] } | null {
  if ('all' in condition) return { join: 'all', children: condition.all };
  if ('any' in condition) return { join: 'any', children: condition.any };
  return null;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const leafSchema = z.strictObject({
  field: z.string().describe('A field id such as ticket.priority or ticket.customFields.order_number.'),
  operator: z.enum(ruleOperators),
  value: z.union([scalar, z.array(scalar), wordsValueSchema]).optional(),
});

/**
 * The condition tree's shape, for OpenAPI and clients. It checks shape only: the field
 * registry's checks (types, operators, values) happen in validateRule, which also reports
 * precise pointers where a union schema could not.
 */
export const ruleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ruleConditionSchema).max(maxConditionLeaves) }),
    z.strictObject({ any: z.array(ruleConditionSchema).max(maxConditionLeaves) }),
    leafSchema,
  ]),
);
