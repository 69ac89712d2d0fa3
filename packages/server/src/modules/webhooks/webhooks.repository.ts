/** SQL for webhooks and their deliveries. */
import type { WebhookDeliveryDto, WebhookDto } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, WebhookDeliveriesTable, WebhooksTable } from '../../db/schema.ts';
import { newestFirstPage, olderThanCursor } from './newest-first-cursor.ts';

export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

/** The secret never leaves through this mapper: only create and rotate return it. */
export function toWebhookDto(row: WebhookRow): WebhookDto {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toDeliveryDto(row: DeliveryRow): WebhookDeliveryDto {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    webhookId: row.webhook_id,
    type: typeof payload.type === 'string' ? payload.type : 'unknown',
    ticketId: row.ticket_id,
    ruleId: row.rule_id,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    payload,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at ? row.delivered_at.toISOString() : null,
  };
}

export async function findWebhook(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WebhookRow | undefined> {
  let q = db.selectFrom('webhooks').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listWebhooks(db: Kysely<DB>, workspaceId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

export async function insertWebhook(db: Kysely<DB>, row: WebhookRow): Promise<WebhookRow> {
  return db.insertInto('webhooks').values(row).returningAll().executeTakeFirstOrThrow();
}

export type WebhookPatch = Partial<Pick<WebhookRow, 'name' | 'url' | 'enabled' | 'secret' | 'updated_at'>>;

export async function updateWebhookRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  patch: WebhookPatch,
): Promise<WebhookRow> {
  return db
    .updateTable('webhooks')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deliveries go with it (foreign key on delete cascade). */
export async function deleteWebhookRow(db: Kysely<DB>, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('webhooks').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Ids of the rules whose actions call the webhook, enabled or not. */
export async function listRulesCallingWebhook(
  db: Kysely<DB>,
  workspaceId: string,
  webhookId: string,
): Promise<string[]> {
  const action = JSON.stringify([{ type: 'call_webhook', webhookId }]);
  const rows = await db
    .selectFrom('rules')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`actions @> ${action}::jsonb`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertDelivery(
  db: Kysely<DB>,
  row: Omit<DeliveryRow, 'attempts'>,
): Promise<DeliveryRow> {
  return db
    .insertInto('webhook_deliveries')
    .values({ ...row, payload: JSON.stringify(row.payload) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Newest first, keyset on (created_at, id). Returns null when the cursor is not one of ours. */
export async function listDeliveries(
  db: Kysely<DB>,
  workspaceId: string,
  query: {
    webhookId: string;
    status?: DeliveryRow['status'] | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ rows: DeliveryRow[]; nextCursor: string | null } | null> {
  let q = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('webhook_id', '=', query.webhookId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) {
    const after = olderThanCursor(query.cursor);
    if (!after) return null;
    q = q.where(after);
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return newestFirstPage(rows, query.limit);
}

export type DeliveryTarget = {
  id: string;
  status: DeliveryRow['status'];
  payload: unknown;
  url: string;
  secret: string;
  enabled: boolean;
};

/** A delivery with the webhook's current URL and secret: a rotated secret signs retries too. */
export async function findDeliveryTarget(
  db: Kysely<DB>,
  workspaceId: string,
  deliveryId: string,
): Promise<DeliveryTarget | undefined> {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', (join) =>
      join.onRef('w.workspace_id', '=', 'd.workspace_id').onRef('w.id', '=', 'd.webhook_id'),
    )
    .select(['d.id', 'd.status', 'd.payload', 'w.url', 'w.secret', 'w.enabled'])
    .where('d.workspace_id', '=', workspaceId)
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
}

/** Records one attempt (or a refusal without one, `attempted: false`) and the resulting status. */
export async function recordDeliveryAttempt(
  db: Kysely<DB>,
  workspaceId: string,
  deliveryId: string,
  outcome: {
    status: DeliveryRow['status'];
    attempted: boolean;
    statusCode: number | null;
    error: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.status,
      attempts: outcome.attempted ? sql`attempts + 1` : sql`attempts`,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      delivered_at: outcome.status === 'delivered' ? outcome.at : null,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', deliveryId)
    .execute();
}
