/**
 * "Mina is viewing", "Adam is replying" under the ticket header, and the wrapper that tells
 * whether this agent is replying (the composer has focus or text).
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type PresenceState, usePresence } from '../api/use-presence.ts';

export function PresenceBar({ ticketId, state }: { ticketId: string; state: PresenceState }) {
  const { t } = useTranslation();
  const others = usePresence(ticketId, state);
  return (
    <div className="presence" aria-live="polite">
      {others.map((o) => (
        <span key={o.userId} className={`presence-entry presence-${o.state}`} data-user-id={o.userId}>
          {o.state === 'replying'
            ? t('presence.replying', { name: o.userName })
            : t('presence.viewing', { name: o.userName })}
        </span>
      ))}
    </div>
  );
}

/** Wraps the composer (layout-neutral) and reports `replying` while its textarea has focus or text. */
export function ComposerActivity({
  onChange,
  children,
}: {
  onChange(state: PresenceState): void;
  children: ReactNode;
}) {
  const wrapper = useRef<HTMLDivElement>(null);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    let reported: PresenceState = 'viewing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = (event: Event) => {
      const target = event.target;
      if (!(target instanceof HTMLTextAreaElement)) return;
      const focused = event.type === 'focusout' ? false : document.activeElement === target;
      const state = focused || target.value.trim() !== '' ? 'replying' : 'viewing';
      if (state === reported) return;
      reported = state;
      // After the composer's own handlers: a render in between would reset its controlled textarea.
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(state), 0);
    };
    for (const type of ['focusin', 'focusout', 'input']) element.addEventListener(type, report);
    return () => {
      clearTimeout(timer);
      for (const type of ['focusin', 'focusout', 'input']) element.removeEventListener(type, report);
    };
  }, []);
  return (
    <div className="composer-activity" ref={wrapper}>
      {children}
    </div>
  );
}
