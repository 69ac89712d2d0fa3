/** Messages oldest first: the customer on the left, agents on the right, internal notes in yellow. */
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '../api/types.ts';
import { formatExact } from '../i18n/format-date.ts';

export function Timeline({ messages }: { messages: MessageDto[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline" aria-label={t('ticket.timeline')}>
      {messages.map((m) => {
        const kind = m.visibility === 'internal' ? 'note' : m.authorType === 'contact' ? 'customer' : 'agent';
        return (
          <li
            key={m.id}
            className={`message message-${kind}${m.id.startsWith('pending-') ? ' pending' : ''}`}
            data-visibility={m.visibility}
          >
            <header>
              <span className="message-kind">{t(`ticket.messageKind.${kind}`)}</span>
              <time dateTime={m.createdAt}>{formatExact(m.createdAt, i18n.language)}</time>
            </header>
            <p className="message-body">{m.bodyText}</p>
          </li>
        );
      })}
    </ol>
  );
}
