/**
 * Credentials of the messenger. A visitor token is 32 random bytes, stored as sha256 only.
 * An identified user proves its id with `hash = HMAC-SHA256(identity secret, user id)` in
 * hex, computed by the customer's backend: without the secret nobody can claim another
 * user's id and read their conversations. The comparison is constant-time.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@switchboard/core';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { findVisitorByTokenHash, type VisitorRow } from './messenger.repository.ts';

export function newVisitorToken(): string {
  return `sbv_${randomBytes(32).toString('base64url')}`;
}

export function newWorkspaceKey(): string {
  return `wk_${randomBytes(12).toString('base64url')}`;
}

export function newIdentitySecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashVisitorToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function userHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

export function isUserHashValid(secret: string, userId: string, hash: string): boolean {
  const expected = Buffer.from(userHash(secret, userId), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(hash) ? Buffer.from(hash, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** How long a visitor token lives after its last use (sliding); the widget then starts a new session. */
export type VisitorTokenPolicy = { now: Date; maxIdleDays: number };

/** The visitor behind `Authorization: Bearer <visitor token>`, or a 401. */
export async function authenticateVisitor(
  db: Kysely<DB>,
  request: FastifyRequest,
  policy: VisitorTokenPolicy,
): Promise<VisitorRow> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) {
    throw new DomainError('AUTH_REQUIRED', 'Send the visitor token as "Authorization: Bearer <token>".');
  }
  return visitorOfToken(db, match[1], policy);
}

export async function visitorOfToken(
  db: Kysely<DB>,
  token: string,
  policy: VisitorTokenPolicy,
): Promise<VisitorRow> {
  const visitor = await findVisitorByTokenHash(db, hashVisitorToken(token));
  if (!visitor) throw new DomainError('AUTH_INVALID_CREDENTIALS', 'The visitor token is unknown.');
  // A token found in an old browser profile or a leaked backup must not open the history forever.
  const idleMs = policy.now.getTime() - visitor.last_seen_at.getTime();
  if (idleMs > policy.maxIdleDays * 86_400_000)
    throw new DomainError('AUTH_INVALID_CREDENTIALS', 'The visitor token has expired: start a new session.');
  return visitor;
}

/** Changes a visitor makes are the customer's: actor type contact, through chat. */
export function visitorActor(visitor: VisitorRow, contactId: string | null): Actor {
  return {
    workspaceId: visitor.workspace_id,
    type: 'contact',
    id: contactId,
    userId: null,
    role: null,
    via: 'chat',
  };
}
