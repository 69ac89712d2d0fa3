/**
 * Validation on save: zod for the rule's envelope, the field registry for conditions, the
 * action registry for actions, then rules that span both (events only on update rules, a
 * time rule's threshold). Every problem is reported at once with an RFC 6901 pointer, so
 * the API answers one 422 listing them all and the editor can mark each field.
 */
import { z } from 'zod';
import type { FieldError } from '../errors.ts';
import type { CustomFieldDefinition } from '../tickets/custom-fields.ts';
import { maxRuleActions, type RuleAction, validateAction } from './actions/registry.ts';
import { pointerTo, zodIssuesToErrors } from './pointer.ts';
import { type Rule, ruleFieldsSchema } from './rule-schema.ts';
import { checkTimeAnchor } from './time-anchor.ts';
import { type KnownIds, validateConditions } from './validate-conditions.ts';

export type RuleValidationContext = { customFields: readonly CustomFieldDefinition[]; knownIds?: KnownIds };
export type RuleValidation = { ok: true; rule: Rule } | { ok: false; errors: FieldError[] };

const envelopeSchema = z.strictObject({
  ...ruleFieldsSchema,
  conditions: z.unknown(),
  actions: z.array(z.unknown()).min(1).max(maxRuleActions),
});

/** A rule ready to store, or every problem with `input`. Pure; ids are checked only against `knownIds`. */
export function validateRule(input: unknown, context: RuleValidationContext): RuleValidation {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) {
    // Still walk conditions and actions when the envelope is an object, to report everything at once.
    const errors = zodIssuesToErrors(envelope.error.issues, '');
    const body = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
    const kind = body.kind === 'creation' || body.kind === 'time' ? body.kind : 'update';
    if (body.conditions !== undefined)
      errors.push(...validateConditions(body.conditions, { ...context, kind }).errors);
    if (Array.isArray(body.actions) && body.actions.length <= maxRuleActions) {
      for (const [index, action] of body.actions.entries()) {
        errors.push(...validateAction(action, pointerTo('/actions', index), context).errors);
      }
    }
    return { ok: false, errors };
  }
  const data = envelope.data;
  const errors: FieldError[] = [];
  if (data.conditions === undefined) errors.push({ pointer: '/conditions', message: 'Required.' });
  const checked = validateConditions(data.conditions ?? { all: [] }, { ...context, kind: data.kind });
  errors.push(...checked.errors);
  const actions: RuleAction[] = [];
  data.actions.forEach((input, index) => {
    const result = validateAction(input, pointerTo('/actions', index), context);
    errors.push(...result.errors);
    if (result.action) actions.push(result.action);
  });
  if (data.events !== undefined && data.kind !== 'update') {
    errors.push({ pointer: '/events', message: 'Only update rules filter by event.' });
  }
  if (data.kind === 'time' && checked.conditions) errors.push(...checkTimeAnchor(checked.conditions));
  if (errors.length > 0 || !checked.conditions) return { ok: false, errors };
  return {
    ok: true,
    rule: {
      name: data.name,
      description: data.description ?? null,
      kind: data.kind,
      enabled: data.enabled,
      events: data.events ? [...new Set(data.events)] : null,
      ignoreOwnChanges: data.ignoreOwnChanges,
      conditions: checked.conditions,
      actions,
    },
  };
}
