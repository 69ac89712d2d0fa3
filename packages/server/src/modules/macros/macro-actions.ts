/**
 * Checks a macro's actions with the rules engine's own validator, so a macro and a rule
 * accept exactly the same action shapes, plus the macro's narrower list of types. Ids are
 * checked against what the macro's audience may use: assignable agents, teams, and the
 * canned responses its owner sees (a shared macro may only reply with shared ones).
 */
import {
  type FieldError,
  macroActionTypes,
  type RuleAction,
  type RuleValidationContext,
  validateAction,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listUsableCannedResponseIds } from '../canned-responses/canned-responses.repository.ts';
import { listCustomFieldDefinitions } from '../custom-fields/custom-fields.repository.ts';
import { listAssignableUserIds, listTeamIds } from './macros.repository.ts';

const allowed: ReadonlySet<string> = new Set(macroActionTypes);

async function loadContext(
  db: Kysely<DB>,
  workspaceId: string,
  ownerId: string | null,
): Promise<RuleValidationContext> {
  return {
    customFields: await listCustomFieldDefinitions(db, workspaceId),
    knownIds: {
      users: await listAssignableUserIds(db, workspaceId),
      teams: await listTeamIds(db, workspaceId),
      cannedResponses: await listUsableCannedResponseIds(db, workspaceId, ownerId),
    },
  };
}

/** The parsed actions, or a validation error listing every problem (`/actions/1/status`). */
export async function validateMacroActions(
  db: Kysely<DB>,
  workspaceId: string,
  input: { actions: readonly unknown[]; ownerId: string | null },
): Promise<RuleAction[]> {
  const context = await loadContext(db, workspaceId, input.ownerId);
  const errors: FieldError[] = [];
  const actions: RuleAction[] = [];
  input.actions.forEach((raw, index) => {
    const pointer = `/actions/${index}`;
    const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !allowed.has(type)) {
      const message = `${JSON.stringify(type)} cannot run from a macro; use one of: ${macroActionTypes.join(', ')}.`;
      errors.push({ pointer: `${pointer}/type`, message });
      return;
    }
    const result = validateAction(raw, pointer, context);
    errors.push(...result.errors);
    if (result.action) actions.push(result.action);
  });
  if (errors.length > 0) throw validationError(errors, 'The macro has invalid actions.');
  return actions;
}
