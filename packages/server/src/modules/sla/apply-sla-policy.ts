/** apply_sla_policy: pins a policy to the ticket. Implemented with the SLA clocks (modules/sla). */
import { DomainError } from '@switchboard/core';
import type { EffectContext } from '../automation/effects/effect-context.ts';

export async function applySlaPolicy(_ctx: EffectContext, policyId: string): Promise<void> {
  throw new DomainError(
    'SERVICE_UNAVAILABLE',
    `SLA policy ${policyId} cannot be applied: SLA clocks are not wired yet.`,
  );
}
