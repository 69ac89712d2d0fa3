/** SQL for SLA policies. */
import type { RuleCondition, SlaPolicy, SlaPolicyDto } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, SlaPoliciesTable } from '../../db/schema.ts';

export type SlaPolicyRow = Selectable<SlaPoliciesTable>;
export type SlaTargets = SlaPolicy['targets'];

export function toSlaPolicyDto(row: SlaPolicyRow): SlaPolicyDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    position: row.position,
    conditions: row.conditions,
    targets: row.targets as SlaTargets,
    calendarId: row.calendar_id,
    warnBeforeMinutes: row.warn_before_minutes,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The policy as the pure SLA maths takes it: no calendar means calendar time (24/7). */
export function toSlaPolicy(row: SlaPolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    targets: row.targets as SlaTargets,
    useBusinessHours: row.calendar_id !== null,
    warnBeforeMinutes: row.warn_before_minutes,
  };
}

export async function findSlaPolicy(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { lock?: 'update' | 'no_key_update' } = {},
): Promise<SlaPolicyRow | undefined> {
  let q = db
    .selectFrom('sla_policies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (options.lock === 'update') q = q.forUpdate();
  if (options.lock === 'no_key_update') q = q.forNoKeyUpdate();
  return q.executeTakeFirst();
}

export async function listSlaPolicies(
  db: Kysely<DB>,
  workspaceId: string,
  options: { enabledOnly?: boolean; lock?: boolean } = {},
): Promise<SlaPolicyRow[]> {
  let q = db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId);
  if (options.enabledOnly) q = q.where('enabled', '=', true);
  if (options.lock) q = q.forNoKeyUpdate();
  return q.orderBy('position').orderBy('created_at').orderBy('id').execute();
}

export type SlaPolicyValues = {
  name: string;
  description: string | null;
  enabled: boolean;
  conditions: RuleCondition;
  targets: SlaTargets;
  calendar_id: string | null;
  warn_before_minutes: number;
};

export async function insertSlaPolicy(
  db: Kysely<DB>,
  row: SlaPolicyValues & { id: string; workspace_id: string; at: Date },
): Promise<SlaPolicyRow> {
  const { at, conditions, targets, ...rest } = row;
  const { max } = await db
    .selectFrom('sla_policies')
    .select(sql<number | null>`max(position)`.as('max'))
    .where('workspace_id', '=', row.workspace_id)
    .executeTakeFirstOrThrow();
  return db
    .insertInto('sla_policies')
    .values({
      ...rest,
      position: max === null ? 0 : Number(max) + 1,
      conditions: JSON.stringify(conditions),
      targets: JSON.stringify(targets),
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateSlaPolicyRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: SlaPolicyValues & { updated_at: Date },
): Promise<SlaPolicyRow> {
  return db
    .updateTable('sla_policies')
    .set({
      ...values,
      conditions: JSON.stringify(values.conditions),
      targets: JSON.stringify(values.targets),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setSlaPolicyPosition(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  position: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('sla_policies')
    .set({ position, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteSlaPolicyRow(db: Kysely<DB>, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('sla_policies').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
