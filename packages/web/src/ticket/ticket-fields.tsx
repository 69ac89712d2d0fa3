/** Status and priority, saved on change with If-Match; a 412 explains itself and refetches. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import type { TicketDto } from '../api/types.ts';
import { useUpdateTicket } from '../api/use-tickets.ts';

const statuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
const priorities = ['low', 'normal', 'high', 'urgent'] as const;

export function TicketFields({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  const error = update.error;
  const message =
    error instanceof ApiError && error.status === 412
      ? t('ticket.conflict')
      : error
        ? t('errors.generic', { detail: error.message })
        : null;
  return (
    <div className="ticket-fields">
      <label>
        {t('ticket.status')}
        <select
          name="status"
          value={ticket.status}
          onChange={(e) => update.mutate({ status: e.target.value as TicketDto['status'] })}
        >
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ticket.priority')}
        <select
          name="priority"
          value={ticket.priority}
          onChange={(e) => update.mutate({ priority: e.target.value as TicketDto['priority'] })}
        >
          {priorities.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {message && (
        <p role="alert" className="form-error">
          {message}
        </p>
      )}
    </div>
  );
}
