/**
 * Deletes an organisation in one transaction with detaching its contacts and tickets, which
 * stay and simply belong to no organisation. Tickets get no event each (an organisation can
 * hold many thousands); `organization.deleted` records how many were detached.
 */
import { DomainError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import {
  deleteOrganization as deleteOrganizationRow,
  findOrganization,
} from '../organizations.repository.ts';

export async function deleteOrganization(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { organizationId: string },
): Promise<void> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const org = await findOrganization(trx, ws, input.organizationId, { forUpdate: true });
  if (!org) {
    throw new DomainError('ORGANIZATION_NOT_FOUND', `Organisation ${input.organizationId} does not exist.`);
  }
  const detached = await deleteOrganizationRow(trx, ws, org.id);
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'organization',
      subjectId: org.id,
      type: 'organization.deleted',
      data: { name: org.name, domains: org.domains, ...detached },
    },
  ]);
}
