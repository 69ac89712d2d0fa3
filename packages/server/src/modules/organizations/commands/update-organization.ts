/**
 * Changes an organisation: domains given replace the stored ones, attributes merge (null
 * deletes a key). Contacts already in it stay; domains only steer new customers.
 */
import { DomainError, type OrganizationDto, type UpdateOrganizationInput } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { type Attributes, mergeAttributes } from '../../contacts/merge-attributes.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { assertDomainsFree } from '../organization-domains.ts';
import {
  findOrganization,
  type OrganizationPatch,
  toOrganizationDto,
  updateOrganization as updateOrganizationRow,
} from '../organizations.repository.ts';

export async function updateOrganization(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { organizationId: string; changes: UpdateOrganizationInput },
): Promise<OrganizationDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const org = await findOrganization(trx, ws, input.organizationId, { forUpdate: true });
  if (!org) {
    throw new DomainError('ORGANIZATION_NOT_FOUND', `Organisation ${input.organizationId} does not exist.`);
  }
  const c = input.changes;
  const patch: OrganizationPatch = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set = <K extends keyof OrganizationPatch>(field: K, from: unknown, to: OrganizationPatch[K]) => {
    if (JSON.stringify(from) === JSON.stringify(to)) return;
    patch[field] = to;
    changes[field] = { from, to };
  };
  if (c.name !== undefined) set('name', org.name, c.name);
  if (c.domains !== undefined) {
    await assertDomainsFree(trx, { workspaceId: ws, domains: c.domains, organizationId: org.id });
    set('domains', org.domains, c.domains);
  }
  if (c.attributes !== undefined) {
    const current = org.attributes as Attributes;
    set('attributes', current, mergeAttributes(current, c.attributes));
  }
  if (Object.keys(changes).length === 0) return toOrganizationDto(org);
  const updated = await updateOrganizationRow(trx, ws, org.id, { ...patch, updated_at: now });
  await appendEvents(trx, actor, now, [
    { subjectType: 'organization', subjectId: org.id, type: 'organization.updated', data: { changes } },
  ]);
  return toOrganizationDto(updated);
}
