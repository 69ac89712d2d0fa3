/** The right pane: subject, requester, editable fields, the timeline and the composer. */
import { type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessages } from '../api/use-messages.ts';
import type { PresenceState } from '../api/use-presence.ts';
import { useContact, useTicket } from '../api/use-tickets.ts';
import { Composer, type ComposerHandle } from './composer.tsx';
import { ComposerActivity, PresenceBar } from './presence.tsx';
import { TicketFields } from './ticket-fields.tsx';
import { Timeline } from './timeline.tsx';

type Props = { ticketId: string; userId: string; composerRef: Ref<ComposerHandle>; onBack(): void };

export function TicketView({ ticketId, userId, composerRef, onBack }: Props) {
  const { t } = useTranslation();
  const ticket = useTicket(ticketId);
  const messages = useMessages(ticketId);
  const requester = useContact(ticket.data?.ticket.requesterId);
  // Presence: `replying` while the composer has focus or text, else `viewing` (presence.tsx).
  const [activity, setActivity] = useState<{ ticketId: string; state: PresenceState } | null>(null);
  const presenceState = activity?.ticketId === ticketId ? activity.state : 'viewing';
  if (ticket.error) {
    return (
      <section className="ticket-view">
        <p role="alert" className="form-error">
          {t('errors.generic', { detail: ticket.error.message })}
        </p>
      </section>
    );
  }
  const data = ticket.data?.ticket;
  return (
    <section className="ticket-view" aria-label={t('ticket.label')}>
      <header className="ticket-header">
        <button type="button" className="back" onClick={onBack} aria-label={t('commands.back')}>
          ←
        </button>
        {data ? (
          <>
            <h2>
              <span className="ticket-number">#{data.number}</span> {data.subject}
            </h2>
            <p className="requester">
              {t('ticket.requester')}: {requester.data?.name ?? requester.data?.emails[0] ?? '…'}
            </p>
          </>
        ) : (
          <div className="skeleton title" />
        )}
      </header>
      <PresenceBar ticketId={ticketId} state={presenceState} />
      {data && <TicketFields key={`fields-${data.id}`} ticket={data} />}
      {data && data.tags.length > 0 && (
        <ul className="ticket-tags" aria-label={t('ticket.tags')}>
          {data.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <div className="timeline-scroll">{messages.data && <Timeline messages={messages.data} />}</div>
      <ComposerActivity key={`activity-${ticketId}`} onChange={(state) => setActivity({ ticketId, state })}>
        <Composer key={`composer-${ticketId}`} ref={composerRef} ticketId={ticketId} userId={userId} />
      </ComposerActivity>
    </section>
  );
}
