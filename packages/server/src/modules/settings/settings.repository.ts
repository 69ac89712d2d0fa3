/**
 * SQL of workspace settings. They live in one jsonb column (workspaces.settings) shared by
 * several features, so writers replace only their own keys and keep the rest as found.
 */
import { type AutomationSettings, automationSettingsSchema } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function readWorkspaceSettings(
  db: Kysely<DB>,
  workspaceId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Record<string, unknown>> {
  let q = db.selectFrom('workspaces').select('settings').where('id', '=', workspaceId);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return (row?.settings ?? {}) as Record<string, unknown>;
}

/** The automation keys of the stored settings, defaults filled in (other keys are ignored). */
export function automationSettingsOf(stored: Record<string, unknown>): AutomationSettings {
  return automationSettingsSchema.parse(stored);
}

export async function loadAutomationSettings(
  db: Kysely<DB>,
  workspaceId: string,
): Promise<AutomationSettings> {
  return automationSettingsOf(await readWorkspaceSettings(db, workspaceId));
}

export async function writeWorkspaceSettings(
  db: Kysely<DB>,
  workspaceId: string,
  settings: Record<string, unknown>,
): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', workspaceId)
    .execute();
}
