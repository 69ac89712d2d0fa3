/**
 * Who may hand out which role. Admins run the team day to day, but the owner and admin roles
 * control the workspace itself: only an owner grants or revokes them, and only an owner
 * changes an owner's or admin's email (the sign-in identity) or switches them off, so an
 * admin cannot take over or lock out the people above them.
 */
import { DomainError } from '@switchboard/core';
import type { Actor, Role } from '../../platform/actor.ts';

const privileged = new Set<Role>(['owner', 'admin']);

export function isPrivilegedRole(role: Role): boolean {
  return privileged.has(role);
}

export function assertMayGrantRole(actor: Actor, role: Role): void {
  if (isPrivilegedRole(role) && actor.role !== 'owner') {
    throw new DomainError('AUTH_FORBIDDEN', `Only an owner may make someone ${role}.`);
  }
}

export function assertMayChangeRole(actor: Actor, from: Role, to: Role): void {
  if ((isPrivilegedRole(from) || isPrivilegedRole(to)) && actor.role !== 'owner') {
    throw new DomainError('AUTH_FORBIDDEN', 'Only an owner grants or revokes the owner and admin roles.');
  }
}

/** Sign-in identity and account state of an owner or admin are the owner's to change. */
export function assertMayManageAccount(actor: Actor, target: { role: Role }, action: string): void {
  if (isPrivilegedRole(target.role) && actor.role !== 'owner') {
    throw new DomainError('AUTH_FORBIDDEN', `Only an owner may ${action} an ${target.role}.`);
  }
}
