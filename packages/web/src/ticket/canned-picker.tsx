/**
 * ⌘/Ctrl+/ in the composer: pick a canned response by name; the server renders it for the
 * ticket (placeholders filled, the requester's or ticket's language) and it is inserted.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previewBody, renderCannedResponse, useCannedResponses } from '../api/use-canned-responses.ts';
import { useTicket } from '../api/use-tickets.ts';
import { SearchPicker } from './search-picker.tsx';

type Props = { ticketId: string; onInsert(text: string): void; onClose(): void };

export function CannedPicker({ ticketId, onInsert, onClose }: Props) {
  const { t } = useTranslation();
  const responses = useCannedResponses();
  const language = useTicket(ticketId).data?.ticket.language ?? null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (id: string) => {
    setBusy(true);
    setError(null);
    try {
      const rendered = await renderCannedResponse(id, ticketId);
      onInsert(rendered.text);
    } catch (e) {
      setError(t('canned.failed', { detail: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  };

  return (
    <SearchPicker
      title={t('canned.title')}
      placeholder={t('canned.placeholder')}
      empty={responses.isPending ? t('canned.loading') : t('canned.empty')}
      items={(responses.data ?? []).map((r) => ({
        id: r.id,
        label: r.shortcut ? `${r.name} /${r.shortcut}` : r.name,
        detail: previewBody(r.bodies, language).slice(0, 120),
        search: `${r.name} ${r.shortcut ?? ''}`,
      }))}
      busy={busy}
      status={
        error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null
      }
      onPick={(id) => void pick(id)}
      onClose={onClose}
    />
  );
}
