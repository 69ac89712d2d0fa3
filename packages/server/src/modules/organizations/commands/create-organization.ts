/** Adds an organisation; its domains must not belong to another one. */
import type { CreateOrganizationInput, OrganizationDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { assertDomainsFree } from '../organization-domains.ts';
import { insertOrganization, toOrganizationDto } from '../organizations.repository.ts';

export async function createOrganization(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateOrganizationInput,
): Promise<OrganizationDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  await assertDomainsFree(trx, { workspaceId: ws, domains: input.domains, organizationId: null });
  const row = await insertOrganization(trx, {
    id: deps.ids.next(),
    workspaceId: ws,
    name: input.name,
    domains: input.domains,
    attributes: input.attributes,
    at: now,
  });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'organization',
      subjectId: row.id,
      type: 'organization.created',
      data: { name: row.name, domains: row.domains },
    },
  ]);
  return toOrganizationDto(row);
}
