/**
 * Decides whether a customer's reply on a solved ticket is only a thank-you, so the ticket
 * may stay solved instead of reopening (Freshdesk's "thank-you detector"). The costly error
 * is a false thanks_only, which hides a remaining problem, so the workspace's threshold
 * (default 0.9, see docs/SIGNALS.md) applies and the caller records the decision as an event
 * on the ticket for agents to see.
 */
import { detectThanks } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadAutomationSettings } from '../settings/settings.repository.ts';

export type KeptSolvedThanks = { confidence: number; cues: string[] };

/** The detection when the reply keeps the ticket solved, else null. `locale`: the ticket's language, if known. */
export async function detectThanksOnSolved(
  trx: Kysely<DB>,
  input: { workspaceId: string; text: string; locale: string | null },
): Promise<KeptSolvedThanks | null> {
  const settings = await loadAutomationSettings(trx, input.workspaceId);
  if (!settings.thanks.keepSolvedOnThanks) return null;
  // The locale only matters for a reply too short to show its language ('👍', 'thx').
  const thanks = detectThanks(input.text, input.locale ?? settings.locale);
  if (thanks.kind !== 'thanks_only' || thanks.confidence < settings.thanks.minConfidence) return null;
  return { confidence: thanks.confidence, cues: thanks.cues };
}
