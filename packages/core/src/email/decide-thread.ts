/**
 * Where does an inbound mail belong? The lookups (Message-ID map, ticket by number, reply
 * token) are done by the caller; this decides, so the rules are tested without a database.
 *
 * Order of trust: a header reference to a Message-ID we know (our own outbound mail or an
 * earlier inbound one) > a valid reply token in the recipient's plus address > a ticket
 * number in the subject, which also needs the sender to be the ticket's requester or one of
 * its known contacts (typing "#12" must not let a stranger into someone else's ticket).
 */
export type ThreadCandidate = {
  ticketId: string;
  status: 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
  /** Set when the ticket was merged: replies go to the ticket it was merged into. */
  mergedIntoId?: string | null;
  deleted?: boolean;
};

export type ThreadInput = {
  /** The ticket found through In-Reply-To / References, if any. */
  byReference: ThreadCandidate | null;
  /** The ticket named by a verified reply token in a recipient's plus address. */
  byReplyToken: ThreadCandidate | null;
  /** The ticket whose number is in the subject, if any. */
  bySubjectNumber: ThreadCandidate | null;
  /** Whether the sender is that ticket's requester or a known participant. */
  senderKnownToSubjectTicket: boolean;
};

export type ThreadDecision =
  | { kind: 'new_ticket' }
  | { kind: 'append'; ticketId: string; via: 'reference' | 'reply_token' | 'subject' }
  | { kind: 'follow_up'; closedTicketId: string; via: 'reference' | 'reply_token' | 'subject' };

export function decideThread(input: ThreadInput): ThreadDecision {
  const found: [ThreadCandidate | null, 'reference' | 'reply_token' | 'subject'][] = [
    [input.byReference, 'reference'],
    [input.byReplyToken, 'reply_token'],
    [input.senderKnownToSubjectTicket ? input.bySubjectNumber : null, 'subject'],
  ];
  for (const [candidate, via] of found) {
    if (!candidate || candidate.deleted) continue;
    if (candidate.status === 'closed') return { kind: 'follow_up', closedTicketId: candidate.ticketId, via };
    return { kind: 'append', ticketId: candidate.ticketId, via };
  }
  return { kind: 'new_ticket' };
}

/** `<a@b>` and `a@b` are the same id; References holds several, most recent last. */
export function parseMessageIdList(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
  if (ids.length > 0) return ids;
  return value
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter((v) => v.includes('@'));
}

export function normaliseMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const first = parseMessageIdList(value)[0];
  if (!first) return null;
  // Never keep anything that could break a header we write later.
  const clean = first.replace(/[\r\n\t <>]/g, '');
  return clean.length > 0 && clean.length <= 900 ? clean : null;
}
