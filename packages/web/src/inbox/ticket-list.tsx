/** The middle pane: a virtualised list that loads the next page as the end comes into view. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDto } from '../api/types.ts';
import { formatExact, formatRelative } from '../i18n/format-date.ts';

const ROW_HEIGHT = 56;

type Props = {
  tickets: TicketDto[];
  isFirstLoad: boolean;
  selectedIndex: number;
  openTicketId: string | null;
  hasMore: boolean;
  loadMore(): void;
  onOpen(index: number): void;
};

export function TicketList(props: Props) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { tickets, hasMore, loadMore, selectedIndex } = props;
  const virtualizer = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && lastIndex >= tickets.length - 10) loadMore();
  }, [hasMore, lastIndex, tickets.length, loadMore]);

  useEffect(() => {
    if (selectedIndex >= 0 && selectedIndex < tickets.length) virtualizer.scrollToIndex(selectedIndex);
  }, [selectedIndex, tickets.length, virtualizer]);

  if (props.isFirstLoad) {
    return (
      <div className="ticket-list" aria-busy="true">
        {Array.from({ length: 8 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <div key={i} className="ticket-row skeleton" />
        ))}
      </div>
    );
  }
  if (tickets.length === 0) return <p className="ticket-list empty">{t('inbox.empty')}</p>;
  const now = Date.now();
  return (
    <div ref={scrollRef} className="ticket-list" role="listbox" aria-label={t('inbox.listLabel')}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const ticket = tickets[item.index];
          if (!ticket) return null;
          const isSelected = item.index === selectedIndex;
          return (
            // Keys are handled once for the whole list (j/k/Enter), not per row.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above
            <div
              key={ticket.id}
              role="option"
              tabIndex={-1}
              aria-selected={isSelected}
              data-ticket-id={ticket.id}
              className={`ticket-row${isSelected ? ' selected' : ''}${ticket.id === props.openTicketId ? ' open' : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
              onClick={() => props.onOpen(item.index)}
            >
              <span className="ticket-number">#{ticket.number}</span>
              <span className="ticket-subject">{ticket.subject}</span>
              <span className="ticket-meta">
                <span className={`badge status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
                <span className={`badge priority-${ticket.priority}`}>
                  {t(`priority.${ticket.priority}`)}
                </span>
              </span>
              <time dateTime={ticket.updatedAt} title={formatExact(ticket.updatedAt, i18n.language)}>
                {formatRelative(ticket.updatedAt, i18n.language, now)}
              </time>
            </div>
          );
        })}
      </div>
    </div>
  );
}
