/**
 * Who sees and changes macros and canned responses. Shared items belong to the workspace
 * (owner_id null): everyone reads them, only admins change them. Personal items belong to
 * one agent (owner_id) and are invisible to everyone else, admins included, so an agent's
 * drafts stay private; another agent's personal item answers 404 like any unknown id.
 */
import { DomainError } from '@switchboard/core';
import { type Actor, hasRole } from '../../platform/actor.ts';

export type LibraryVisibility = 'shared' | 'personal';

export function visibilityOf(ownerId: string | null): LibraryVisibility {
  return ownerId === null ? 'shared' : 'personal';
}

/** The owner_id an item with `visibility` gets when `actor` writes it. */
export function ownerIdFor(actor: Actor, visibility: LibraryVisibility, what: string): string | null {
  if (visibility === 'shared') {
    if (!hasRole(actor.role, 'admin'))
      throw new DomainError('AUTH_FORBIDDEN', `Only admins create or change shared ${what}.`);
    return null;
  }
  if (!actor.userId) throw new DomainError('AUTH_FORBIDDEN', `Personal ${what} belong to a signed-in agent.`);
  return actor.userId;
}

/** Refuses changing an item `actor` sees but may not edit (a shared one, unless admin). */
export function assertMayChange(actor: Actor, ownerId: string | null, what: string): void {
  ownerIdFor(actor, visibilityOf(ownerId), what);
}

/** `%`, `_` and `\` match literally in a LIKE pattern built from user input. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
