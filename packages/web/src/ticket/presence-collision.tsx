/**
 * Collision warning: while this agent composes a public reply, someone else's public reply
 * (or the customer's new message) arrived. Known from the live socket (message.added refreshes
 * the timeline) or, at send time, from the server's list compared with the messages seen when
 * the reply was started. The first send is then held back and the warning shown; a second
 * ⌘/Ctrl+Enter (or "Send anyway") sends.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys.ts';
import type { MessageDto } from '../api/types.ts';
import { fetchMessages, useMessages } from '../api/use-messages.ts';
import { useLiveMessages } from '../api/use-presence.ts';
import { formatRelative } from '../i18n/format-date.ts';

export type CollisionGuard = {
  /** The newest message that arrived while composing, if any. */
  collision: MessageDto | null;
  /** Whether the agent has already been warned about it (the next send goes through). */
  warned: boolean;
  /** Resolves true when the reply may be sent now; false means: warned, hold it back. */
  maySend(): Promise<boolean>;
  /** The author's name as announced on the socket (absent for messages found at send time). */
  authorName(message: MessageDto): string | undefined;
};

/** `composing`: a public reply has text. Its start fixes which messages count as already seen. */
export function useCollisionGuard(ticketId: string, userId: string, composing: boolean): CollisionGuard {
  const client = useQueryClient();
  const messages = useMessages(ticketId);
  const seen = useRef<Set<string> | null>(null);
  const names = useRef(new Map<string, string>());
  const checking = useRef(false);
  const [fetched, setFetched] = useState<MessageDto[]>([]);
  const [warnedId, setWarnedId] = useState<string | null>(null);

  useLiveMessages((m) => {
    if (m.type === 'message.added' && m.message?.authorName)
      names.current.set(m.message.id, m.message.authorName);
  });

  useEffect(() => {
    if (!composing) {
      seen.current = null;
      setFetched([]);
      setWarnedId(null);
    } else if (!seen.current && messages.data) {
      seen.current = new Set(messages.data.map((m) => m.id));
    }
  }, [composing, messages.data]);

  const newest = (list: MessageDto[]): MessageDto | null => {
    const baseline = seen.current;
    if (!baseline) return null;
    let found: MessageDto | null = null;
    for (const m of list) {
      if (baseline.has(m.id) || m.id.startsWith('pending-') || m.visibility !== 'public') continue;
      if (m.authorType === 'agent' && m.authorId === userId) continue;
      if (!found || m.createdAt >= found.createdAt) found = m;
    }
    return found;
  };

  const collision = composing ? newest([...(messages.data ?? []), ...fetched]) : null;

  return {
    collision,
    warned: collision !== null && warnedId === collision.id,
    authorName: (m) => names.current.get(m.id),
    async maySend() {
      if (checking.current) return false;
      if (collision) {
        if (warnedId === collision.id) return true;
        setWarnedId(collision.id);
        return false;
      }
      if (!seen.current) return true;
      checking.current = true;
      try {
        const list = await fetchMessages(ticketId);
        const found = newest(list);
        if (!found) return true;
        setFetched(list);
        setWarnedId(found.id);
        // Show it in the timeline too: the live update that should have done so never came.
        void client.invalidateQueries({ queryKey: queryKeys.messages(ticketId) });
        return false;
      } catch {
        // The send itself will report what is wrong with the connection.
        return true;
      } finally {
        checking.current = false;
      }
    },
  };
}

export function CollisionWarning({ guard, onSendAnyway }: { guard: CollisionGuard; onSendAnyway(): void }) {
  const { t, i18n } = useTranslation();
  const m = guard.collision;
  if (!m) return null;
  const when = formatRelative(m.createdAt, i18n.language, Date.now());
  const name = guard.authorName(m);
  const text =
    m.authorType === 'contact'
      ? t('collision.customerWrote', { when })
      : name
        ? t('collision.agentReplied', { name, when })
        : t('collision.someoneReplied', { when });
  return (
    <div className="collision-warning" role="alert">
      <p>
        {text}
        {guard.warned && <> {t('collision.again')}</>}
      </p>
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={onSendAnyway}>
        {t('collision.sendAnyway')}
      </button>
    </div>
  );
}
