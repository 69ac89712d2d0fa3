/** SQL for organisations. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, OrganizationsTable } from '../../db/schema.ts';

export type OrganizationRow = Selectable<OrganizationsTable>;

export async function findOrganization(db: Kysely<DB>, workspaceId: string, id: string) {
  return db
    .selectFrom('organizations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A new customer writing from `@acme.co.kr` joins the organisation that owns that domain. */
export async function findOrganizationIdByEmailDomain(
  db: Kysely<DB>,
  workspaceId: string,
  email: string,
): Promise<string | null> {
  const domain = email.split('@')[1]?.toLowerCase();
  if (!domain) return null;
  const row = await db
    .selectFrom('organizations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`domains @> array[${domain}]::text[]`)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
