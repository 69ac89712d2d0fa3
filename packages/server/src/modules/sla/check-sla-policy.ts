/**
 * Validates a whole SLA policy (a new one, or a stored one merged with a PATCH) and turns
 * it into column values: conditions through the rules engine's validator as a creation
 * rule's, targets through the SLA policy schema, the calendar against the workspace. Every
 * problem is reported at once, with a pointer into the request body.
 */
import {
  type FieldError,
  slaPolicySchema,
  type UpdateSlaPolicyInput,
  validateSlaConditions,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listCustomFieldDefinitions } from '../custom-fields/custom-fields.repository.ts';
import { findCalendar } from './calendars.repository.ts';
import type { SlaPolicyValues } from './sla-policies.repository.ts';

export type SlaPolicyDraft = Required<UpdateSlaPolicyInput>;

export async function checkSlaPolicy(
  db: Kysely<DB>,
  workspaceId: string,
  draft: SlaPolicyDraft,
): Promise<SlaPolicyValues> {
  const errors: FieldError[] = [];
  const checked = validateSlaConditions(draft.conditions, await listCustomFieldDefinitions(db, workspaceId));
  errors.push(...checked.errors);
  const policy = slaPolicySchema.safeParse({
    id: 'draft',
    name: draft.name,
    targets: draft.targets,
    useBusinessHours: draft.calendarId !== null,
    warnBeforeMinutes: draft.warnBeforeMinutes,
  });
  if (!policy.success) {
    for (const issue of policy.error.issues)
      errors.push({ pointer: `/${issue.path.map(String).join('/')}`, message: issue.message });
  }
  if (draft.calendarId !== null && !(await findCalendar(db, workspaceId, draft.calendarId))) {
    errors.push({ pointer: '/calendarId', message: 'no such business calendar' });
  }
  if (errors.length > 0 || !policy.success || !checked.conditions) throw validationError(errors);
  return {
    name: draft.name,
    description: draft.description,
    enabled: draft.enabled,
    conditions: checked.conditions,
    targets: policy.data.targets,
    calendar_id: draft.calendarId,
    warn_before_minutes: draft.warnBeforeMinutes,
  };
}
