/**
 * Changes the workspace automation settings: merges the given keys into the stored ones,
 * checks every id and placeholder it was given (all problems together, with pointers), and
 * records `workspace.settings_updated` with each changed top-level key's from/to.
 * Ids that were not part of this change are not re-checked, so a team deleted since the
 * last save never blocks an unrelated edit.
 */
import {
  type AutomationSettings,
  automationSettingsSchema,
  type FieldError,
  type UpdateAutomationSettingsInput,
  validateTemplate,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { listCustomFieldDefinitions } from '../../custom-fields/custom-fields.repository.ts';
import { appendEvents } from '../../events/events.repository.ts';
import {
  automationSettingsOf,
  readWorkspaceSettings,
  writeWorkspaceSettings,
} from '../settings.repository.ts';

export async function updateAutomationSettings(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: UpdateAutomationSettingsInput,
): Promise<AutomationSettings> {
  const ws = actor.workspaceId;
  const stored = await readWorkspaceSettings(trx, ws, { forUpdate: true });
  const current = automationSettingsOf(stored);
  const errors = await checkInput(trx, ws, input);
  if (errors.length > 0) throw validationError(errors);
  const next = merged(current, input);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(next) as (keyof AutomationSettings)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key]))
      changes[key] = { from: current[key], to: next[key] };
  }
  if (Object.keys(changes).length === 0) return current;
  await writeWorkspaceSettings(trx, ws, { ...stored, ...next });
  await appendEvents(trx, actor, deps.clock.now(), [
    { subjectType: 'workspace', subjectId: ws, type: 'workspace.settings_updated', data: { changes } },
  ]);
  return next;
}

function merged(current: AutomationSettings, input: UpdateAutomationSettingsInput): AutomationSettings {
  const { urgentAlerts, thanks, ...scalars } = input;
  return automationSettingsSchema.parse({
    ...current,
    ...scalars,
    urgentAlerts: {
      ...current.urgentAlerts,
      ...urgentAlerts,
      acknowledgement: { ...current.urgentAlerts.acknowledgement, ...urgentAlerts?.acknowledgement },
    },
    thanks: { ...current.thanks, ...thanks },
  });
}

async function checkInput(
  trx: Kysely<DB>,
  ws: string,
  input: UpdateAutomationSettingsInput,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.businessCalendarId) {
    const calendar = await trx
      .selectFrom('business_calendars')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('id', '=', input.businessCalendarId)
      .executeTakeFirst();
    if (!calendar) errors.push({ pointer: '/businessCalendarId', message: 'no such business calendar' });
  }
  const teams: [string | null | undefined, string][] = [
    [input.vipTeamId, '/vipTeamId'],
    [input.urgentAlerts?.onDutyTeamId, '/urgentAlerts/onDutyTeamId'],
  ];
  for (const [teamId, pointer] of teams) {
    if (!teamId) continue;
    const team = await trx
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('id', '=', teamId)
      .executeTakeFirst();
    if (!team) errors.push({ pointer, message: 'no such team' });
  }
  const text = input.urgentAlerts?.acknowledgement?.text;
  if (text !== undefined) {
    const customFields = await listCustomFieldDefinitions(trx, ws);
    errors.push(...validateTemplate(text, { customFields, pointer: '/urgentAlerts/acknowledgement/text' }));
  }
  return errors;
}
