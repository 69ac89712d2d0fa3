/**
 * Wire schemas of the rules admin API: rule sets, rules with their counters, the run log and
 * preview. Rule bodies are documented with the engine's `ruleInputSchema`, but the server
 * judges them with `validateRule`, which adds the registry's checks and exact pointers.
 */
import { z } from 'zod';
import { maxConditionDepth } from '../rules/conditions.ts';
import { ruleOperators, ruleValueTypes } from '../rules/operators.ts';
import { ruleKinds } from '../rules/rule-facts.ts';
import { ruleInputSchema, ruleSetModes } from '../rules/rule-schema.ts';
import { idSchema, timestampSchema } from './common.ts';

const ruleKindSchema = z.enum(ruleKinds);
const positionSchema = z
  .number()
  .int()
  .min(0)
  .max(10_000)
  .describe('0-based place among its siblings; later ones move down. Default: last.');

export const ruleSetSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: ruleKindSchema,
  mode: z.enum(ruleSetModes),
  enabled: z.boolean(),
  position: z.number().int(),
  ruleIds: z.array(idSchema).describe('Its rules in order.'),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type RuleSetDto = z.infer<typeof ruleSetSchema>;

const ruleSetNameSchema = z.string().trim().min(1).max(200);

export const createRuleSetSchema = z
  .object({
    name: ruleSetNameSchema,
    kind: ruleKindSchema,
    mode: z.enum(ruleSetModes).default('first_match'),
    enabled: z.boolean().default(true),
    position: positionSchema.optional(),
  })
  .strict();
export type CreateRuleSetInput = z.output<typeof createRuleSetSchema>;

export const updateRuleSetSchema = z
  .object({
    name: ruleSetNameSchema.optional(),
    mode: z.enum(ruleSetModes).optional(),
    enabled: z.boolean().optional(),
    position: positionSchema.optional(),
  })
  .strict()
  .describe('A rule set keeps its kind: its rules are written for it.');
export type UpdateRuleSetInput = z.output<typeof updateRuleSetSchema>;

const orderIdsSchema = z.array(idSchema).max(1000).describe('Every id exactly once, in the new order.');
export const reorderRuleSetsSchema = z.object({ kind: ruleKindSchema, ids: orderIdsSchema }).strict();
export const reorderRulesSchema = z.object({ ids: orderIdsSchema }).strict();

export const ruleStatsSchema = z.object({
  runs: z.number().int().describe('Evaluations, skipped ones excluded.'),
  matches: z.number().int().describe('Evaluations whose conditions held (failed applications included).'),
  failures: z.number().int(),
  lastRunAt: timestampSchema.nullable(),
  lastMatchedAt: timestampSchema.nullable(),
  lastFailedAt: timestampSchema.nullable(),
  avgDurationUs: z.number().int().nullable().describe('Mean evaluation plus application time, µs.'),
});
export type RuleStatsDto = z.infer<typeof ruleStatsSchema>;

export const ruleSchema = z.object({
  id: idSchema,
  ruleSetId: idSchema,
  position: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  kind: ruleKindSchema,
  enabled: z.boolean(),
  events: z.array(z.string()).nullable().describe('Update rules: triggering events; null means all.'),
  ignoreOwnChanges: z.boolean(),
  conditions: z.unknown().describe('The condition tree, as in the request body.'),
  actions: z.array(z.unknown()).describe('The actions, as in the request body.'),
  timeAnchor: z
    .object({
      field: z.string(),
      since: z.string(),
      hours: z.number(),
      isInclusive: z.boolean(),
      isBusinessTime: z.boolean(),
    })
    .nullable()
    .describe('Time rules: when the rule becomes due for a ticket.'),
  stats: ruleStatsSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type RuleDto = z.infer<typeof ruleSchema>;

/**
 * The condition tree for the OpenAPI document, two levels deep. The engine's schema is
 * recursive, and a recursive schema inlined in a route comes out as a $ref to a component
 * the document does not hold; deeper levels are described rather than spelled out.
 */
const conditionLeafDocSchema = z.object({
  field: z.string().describe('A field id such as ticket.priority; GET /rules/fields lists them.'),
  operator: z.enum(ruleOperators),
  value: z
    .unknown()
    .optional()
    .describe('A string, number or boolean, a list of them, or { words: [...] } for matches_words.'),
});
const nestedConditionDocSchema = z.union([
  z.object({ all: z.array(z.unknown()).describe('Conditions or groups, nested further.') }),
  z.object({ any: z.array(z.unknown()).describe('Conditions or groups, nested further.') }),
  conditionLeafDocSchema,
]);
export const ruleConditionDocSchema = z
  .union([
    z.object({ all: z.array(nestedConditionDocSchema) }),
    z.object({ any: z.array(nestedConditionDocSchema) }),
    conditionLeafDocSchema,
  ])
  .describe(
    `'all' and 'any' groups of { field, operator, value } conditions, nested up to ${maxConditionDepth} levels.`,
  );

/** Documentation only: the server judges rule bodies with validateRule. */
export const ruleBodyDocSchema = ruleInputSchema.extend({ conditions: ruleConditionDocSchema });

export const createRuleBodySchema = ruleBodyDocSchema.extend({
  ruleSetId: idSchema.describe("The rule set; the rule's kind must be the set's kind."),
  position: positionSchema.optional(),
});
export const updateRuleBodySchema = ruleBodyDocSchema
  .partial()
  .extend({
    ruleSetId: idSchema.optional().describe('Moves the rule to another set of its kind (last, by default).'),
    position: positionSchema.optional(),
  })
  .describe('Fields to change; the merged rule is validated as a whole.');

export const listRulesQuerySchema = z.object({
  kind: ruleKindSchema.optional(),
  ruleSetId: idSchema.optional(),
  enabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const ruleFieldsResponseSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().describe("A field id; ids ending in '.*' stand for any attribute name."),
      type: z.enum(ruleValueTypes),
      values: z.array(z.string()).optional().describe('Allowed values of enumerated fields.'),
      operators: z.array(z.enum(ruleOperators)),
      changeOperators: z.array(z.enum(ruleOperators)).describe('Extra operators in update rules.'),
      kinds: z.array(ruleKindSchema),
    }),
  ),
});

const outcomeSchema = z.enum(['matched', 'not_matched', 'skipped', 'failed']);

const ruleResultFields = {
  outcome: outcomeSchema,
  effects: z.array(z.unknown()).nullable(),
  error: z.string().nullable(),
  skipReason: z.string().nullable(),
  durationUs: z.number().int().nullable(),
};

export const ruleRunSchema = z.object({
  id: z.string().describe('Run log entry id; pages go by descending id.'),
  ticketId: idSchema,
  eventId: z.string().nullable(),
  kind: ruleKindSchema,
  cascadeDepth: z.number().int(),
  ...ruleResultFields,
  createdAt: timestampSchema,
});
export type RuleRunDto = z.infer<typeof ruleRunSchema>;

export const ticketRuleRunSchema = z.object({
  id: z.string(),
  ticketId: idSchema,
  eventId: z.string().nullable(),
  kind: ruleKindSchema,
  cascadeDepth: z.number().int(),
  durationUs: z.number().int().describe('The whole evaluation, µs.'),
  results: z.array(z.object({ ruleId: idSchema, ...ruleResultFields })),
  createdAt: timestampSchema,
});
export type TicketRuleRunDto = z.infer<typeof ticketRuleRunSchema>;

export const runLogQuerySchema = z.object({
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('The last id you have seen: returns older entries.'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ruleRunsQuerySchema = runLogQuerySchema.extend({
  outcome: z
    .enum(['fired', 'matched', 'failed', 'any'])
    .default('fired')
    .describe('fired: matched or failed; any: every evaluation that considered the rule.'),
});

export function runLogPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextBefore: z.string().nullable().describe('Pass as `before` for the next page; null on the last.'),
  });
}

export const ruleStatsListSchema = z.object({
  data: z.array(ruleStatsSchema.extend({ ruleId: idSchema, name: z.string(), kind: ruleKindSchema })),
});

export const previewLimitMax = 5000;

const previewOptions = {
  limit: z.number().int().min(1).max(previewLimitMax).default(500).describe('Newest tickets first.'),
  since: timestampSchema.optional().describe('Only tickets created at or after this instant.'),
  ticketIds: z
    .array(idSchema)
    .min(1)
    .max(100)
    .optional()
    .describe('Only these tickets; every one is listed with its trace.'),
};

/** The documented preview body; `rule` is validated by validateRule (pointers under /rule). */
export const rulePreviewBodySchema = z
  .object({
    ruleId: idSchema.optional().describe('A saved rule.'),
    rule: ruleBodyDocSchema.optional().describe('An unsaved rule body, validated as on save.'),
    ...previewOptions,
  })
  .strict()
  .describe('Send exactly one of ruleId and rule.');

/** What the server parses before handing `rule` to validateRule. */
export const rulePreviewRequestSchema = z
  .object({ ruleId: idSchema.optional(), rule: z.unknown().optional(), ...previewOptions })
  .strict()
  .refine((body) => (body.ruleId === undefined) !== (body.rule === undefined), {
    message: 'Send exactly one of ruleId and rule.',
  });
export type RulePreviewRequest = z.output<typeof rulePreviewRequestSchema>;

export const rulePreviewResultSchema = z.object({
  evaluated: z.number().int().describe('Tickets the rule was evaluated on.'),
  matched: z.number().int(),
  tickets: z
    .array(
      z.object({
        ticketId: idSchema,
        number: z.number().int(),
        subject: z.string(),
        matched: z.boolean(),
        effects: z.array(z.unknown()).describe('What the rule would have done, in order.'),
        trace: z.array(z.unknown()).optional().describe('Each condition evaluated, with the value read.'),
      }),
    )
    .describe('Matched tickets, newest first; with ticketIds, every ticket asked for.'),
});
export type RulePreviewResult = z.infer<typeof rulePreviewResultSchema>;
