/**
 * `Idempotency-Key` on create endpoints. The first request with a key claims it (inserts
 * the key row) before running its command and stores the response in the same transaction;
 * a retry with the same key and body gets the stored response (and `Idempotency-Replayed:
 * true`) instead of a second ticket. Claiming first matters for racing requests with one key:
 * the second insert waits on the first transaction's row lock, then finds the committed
 * answer and replays it, so the command itself never runs twice at once (running both and
 * letting the loser roll back made the loser fail on the requester contact both created).
 */
import { createHash } from 'node:crypto';
import { DomainError } from '@switchboard/core';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from './auth.ts';

export type CommandResponse<T> = { status: number; body: T };

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export async function runIdempotent<T>(
  deps: Pick<Deps, 'db' | 'clock'>,
  request: FastifyRequest,
  run: (trx: Kysely<DB>) => Promise<CommandResponse<T>>,
): Promise<CommandResponse<T> & { replayed: boolean }> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return { ...(await deps.db.transaction().execute(run)), replayed: false };
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1–255 printable ASCII characters.', {
      errors: [{ pointer: '', message: 'invalid Idempotency-Key header' }],
    });
  }
  const actor = actorOf(request);
  const principal = `${actor.type}:${actor.id ?? ''}`;
  const requestHash = createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url ?? request.url}\n${JSON.stringify(request.params)}\n${JSON.stringify(request.body ?? null)}`,
    )
    .digest('hex');
  const replay = async (db: Kysely<DB>) => {
    const stored = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('workspace_id', '=', actor.workspaceId)
      .where('principal', '=', principal)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!stored) return null;
    if (stored.request_hash !== requestHash) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for a different request.',
      );
    }
    if (stored.response_status === 0) return null;
    return { status: stored.response_status, body: stored.response_body as T, replayed: true };
  };
  return deps.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({
        workspace_id: actor.workspaceId,
        principal,
        key,
        request_hash: requestHash,
        // Placeholder until the response is known; nobody else sees it before commit.
        response_status: 0,
        response_body: 'null',
        created_at: deps.clock.now(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const earlier = await replay(trx);
      if (earlier) return earlier;
      throw new DomainError('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this key is still running.');
    }
    const response = await run(trx);
    await trx
      .updateTable('idempotency_keys')
      .set({ response_status: response.status, response_body: JSON.stringify(response.body) })
      .where('workspace_id', '=', actor.workspaceId)
      .where('principal', '=', principal)
      .where('key', '=', key)
      .execute();
    return { ...response, replayed: false };
  });
}
