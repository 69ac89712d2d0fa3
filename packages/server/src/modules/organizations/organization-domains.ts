/**
 * A domain decides which organisation a new customer joins (find-or-create-requester), so
 * one domain belongs to at most one organisation of a workspace.
 */
import { DomainError, type FieldError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findDomainOwners, lockOrganizationDomains } from './organizations.repository.ts';

/** Takes the workspace's domain lock (held until commit) and refuses domains owned elsewhere. */
export async function assertDomainsFree(
  db: Kysely<DB>,
  input: { workspaceId: string; domains: readonly string[]; organizationId: string | null },
): Promise<void> {
  if (input.domains.length === 0) return;
  await lockOrganizationDomains(db, input.workspaceId);
  const owners = await findDomainOwners(db, {
    workspaceId: input.workspaceId,
    domains: input.domains,
    exceptId: input.organizationId,
  });
  const errors: FieldError[] = [];
  input.domains.forEach((domain, i) => {
    const owner = owners.find((o) => o.domains.includes(domain));
    if (owner) errors.push({ pointer: `/domains/${i}`, message: `belongs to organisation ${owner.id}` });
  });
  if (errors.length === 0) return;
  throw new DomainError('ORGANIZATION_DOMAIN_TAKEN', 'A domain belongs to another organisation.', {
    errors,
    organizationIds: [...new Set(owners.map((o) => o.id))],
  });
}
