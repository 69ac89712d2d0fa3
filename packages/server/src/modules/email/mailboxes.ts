/**
 * Mailboxes: wire schemas, the DTO (the IMAP password is write-only: only `passwordSet`
 * shows), and the commands that create, change and delete them with their events.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, idSchema, timestampSchema } from '@switchboard/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/errors.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireSecretBox } from '../../platform/secret-box.ts';
import { appendEvents } from '../events/events.repository.ts';
import { findMailbox, type MailboxRow } from './mailboxes.repository.ts';

const addressSchema = z
  .email()
  .max(320)
  .refine((a) => !a.includes('+'), 'a mailbox address has no +tag (reply tokens use it)')
  .transform((a) => a.toLowerCase());

const imapInputSchema = z
  .object({
    host: z.string().trim().min(1).max(253).nullable().optional(),
    port: z.number().int().min(1).max(65535).nullable().optional(),
    secure: z.boolean().optional(),
    user: z.string().min(1).max(320).nullable().optional(),
    password: z.string().min(1).max(1000).nullable().optional().describe('Write-only; null removes it.'),
    folder: z.string().min(1).max(200).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const createMailboxSchema = z
  .object({
    address: addressSchema,
    name: z.string().trim().min(1).max(200),
    teamId: idSchema.nullable().optional().describe('New tickets from this mailbox go to this team.'),
    fromName: z.string().trim().max(200).nullable().optional(),
    signatureText: z.string().max(5000).optional(),
    imap: imapInputSchema.optional(),
  })
  .strict();
export type CreateMailboxInput = z.output<typeof createMailboxSchema>;

export const updateMailboxSchema = z
  .object({
    address: addressSchema.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    teamId: idSchema.nullable().optional(),
    fromName: z.string().trim().max(200).nullable().optional(),
    signatureText: z.string().max(5000).optional(),
    imap: imapInputSchema.optional(),
  })
  .strict();
export type UpdateMailboxInput = z.output<typeof updateMailboxSchema>;

export const mailboxSchema = z.object({
  id: idSchema,
  address: z.string(),
  name: z.string(),
  teamId: idSchema.nullable(),
  fromName: z.string().nullable(),
  signatureText: z.string(),
  imap: z.object({
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    secure: z.boolean(),
    user: z.string().nullable(),
    passwordSet: z.boolean().describe('The password itself is never returned.'),
    folder: z.string(),
    enabled: z.boolean(),
  }),
  inboundUrl: z
    .string()
    .describe('POST raw MIME (message/rfc822) here with the inbound secret as bearer token.'),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type MailboxDto = z.infer<typeof mailboxSchema>;

export const mailboxWithSecretSchema = mailboxSchema.extend({
  inboundSecret: z.string().describe('Shown once: the bearer token of the inbound webhook.'),
});

export function toMailboxDto(row: MailboxRow, publicUrl: string): MailboxDto {
  return {
    id: row.id,
    address: row.address,
    name: row.name,
    teamId: row.team_id,
    fromName: row.from_name,
    signatureText: row.signature_text,
    imap: {
      host: row.imap_host,
      port: row.imap_port,
      secure: row.imap_secure,
      user: row.imap_user,
      passwordSet: row.imap_password_encrypted !== null,
      folder: row.imap_folder,
      enabled: row.imap_enabled,
    },
    inboundUrl: `${publicUrl}/api/v1/mailboxes/${row.id}/inbound`,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function hashInboundSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function newInboundSecret(): string {
  return `sbin_${randomBytes(24).toString('base64url')}`;
}

type MailboxDeps = Pick<Deps, 'clock' | 'ids' | 'config'>;

function imapColumns(deps: MailboxDeps, imap: z.output<typeof imapInputSchema> | undefined) {
  if (!imap) return {};
  const c: Partial<Record<string, unknown>> = {};
  if (imap.host !== undefined) c.imap_host = imap.host;
  if (imap.port !== undefined) c.imap_port = imap.port;
  if (imap.secure !== undefined) c.imap_secure = imap.secure;
  if (imap.user !== undefined) c.imap_user = imap.user;
  if (imap.folder !== undefined) c.imap_folder = imap.folder;
  if (imap.enabled !== undefined) c.imap_enabled = imap.enabled;
  if (imap.password !== undefined) {
    c.imap_password_encrypted =
      imap.password === null ? null : requireSecretBox(deps.config, '/imap/password').encrypt(imap.password);
  }
  return c as Partial<
    Pick<
      MailboxRow,
      | 'imap_host'
      | 'imap_port'
      | 'imap_secure'
      | 'imap_user'
      | 'imap_folder'
      | 'imap_enabled'
      | 'imap_password_encrypted'
    >
  >;
}

function addressTaken(address: string): DomainError {
  return new DomainError('MAILBOX_ADDRESS_TAKEN', `${address} already receives mail for a mailbox.`, {
    errors: [{ pointer: '/address', message: 'already in use' }],
  });
}

async function checkTeam(trx: Kysely<DB>, ws: string, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const team = await trx
    .selectFrom('teams')
    .select('id')
    .where('workspace_id', '=', ws)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team) {
    throw new DomainError('VALIDATION_FAILED', 'No such team.', {
      errors: [{ pointer: '/teamId', message: 'no such team' }],
    });
  }
}

export async function createMailbox(
  deps: MailboxDeps,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateMailboxInput,
): Promise<{ row: MailboxRow; inboundSecret: string }> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  await checkTeam(trx, ws, input.teamId);
  const inboundSecret = newInboundSecret();
  const imap = imapColumns(deps, input.imap);
  if (imap.imap_enabled && !(input.imap?.host && input.imap.user)) {
    throw new DomainError('VALIDATION_FAILED', 'IMAP needs a host and a user.', {
      errors: [{ pointer: '/imap', message: 'give host and user to enable IMAP' }],
    });
  }
  let row: MailboxRow;
  try {
    row = await trx
      .insertInto('mailboxes')
      .values({
        id: deps.ids.next(),
        workspace_id: ws,
        address: input.address,
        name: input.name,
        team_id: input.teamId ?? null,
        from_name: input.fromName ?? null,
        signature_text: input.signatureText ?? '',
        inbound_secret_hash: hashInboundSecret(inboundSecret),
        imap_host: null,
        imap_port: null,
        imap_user: null,
        imap_password_encrypted: null,
        ...imap,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) throw addressTaken(input.address);
    throw error;
  }
  await appendEvents(trx, actor, now, [
    { subjectType: 'mailbox', subjectId: row.id, type: 'mailbox.created', data: { address: row.address } },
  ]);
  return { row, inboundSecret };
}

export async function updateMailbox(
  deps: MailboxDeps,
  trx: Kysely<DB>,
  actor: Actor,
  id: string,
  input: UpdateMailboxInput,
): Promise<MailboxRow> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const current = await findMailbox(trx, ws, id);
  if (!current) throw notFound(id);
  await checkTeam(trx, ws, input.teamId);
  const patch = {
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
    ...(input.fromName !== undefined ? { from_name: input.fromName } : {}),
    ...(input.signatureText !== undefined ? { signature_text: input.signatureText } : {}),
    ...imapColumns(deps, input.imap),
    updated_at: now,
  };
  const next = { ...current, ...patch };
  if (next.imap_enabled && !(next.imap_host && next.imap_user)) {
    throw new DomainError('VALIDATION_FAILED', 'IMAP needs a host and a user.', {
      errors: [{ pointer: '/imap', message: 'give host and user to enable IMAP' }],
    });
  }
  let row: MailboxRow;
  try {
    row = await trx
      .updateTable('mailboxes')
      .set(patch)
      .where('workspace_id', '=', ws)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) throw addressTaken(input.address ?? current.address);
    throw error;
  }
  // Which fields changed, never their secret values.
  const changed = Object.keys(patch).filter((k) => k !== 'updated_at');
  await appendEvents(trx, actor, now, [
    { subjectType: 'mailbox', subjectId: id, type: 'mailbox.updated', data: { changed } },
  ]);
  return row;
}

export async function rotateInboundSecret(
  deps: MailboxDeps,
  trx: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<{ row: MailboxRow; inboundSecret: string }> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const inboundSecret = newInboundSecret();
  const row = await trx
    .updateTable('mailboxes')
    .set({ inbound_secret_hash: hashInboundSecret(inboundSecret), updated_at: now })
    .where('workspace_id', '=', ws)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound(id);
  await appendEvents(trx, actor, now, [
    { subjectType: 'mailbox', subjectId: id, type: 'mailbox.inbound_secret_rotated' },
  ]);
  return { row, inboundSecret };
}

export async function deleteMailbox(
  deps: MailboxDeps,
  trx: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<void> {
  const ws = actor.workspaceId;
  const result = await trx
    .deleteFrom('mailboxes')
    .where('workspace_id', '=', ws)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(id);
  await appendEvents(trx, actor, deps.clock.now(), [
    { subjectType: 'mailbox', subjectId: id, type: 'mailbox.deleted' },
  ]);
}

export function notFound(id: string): DomainError {
  return new DomainError('MAILBOX_NOT_FOUND', `Mailbox ${id} does not exist.`);
}
