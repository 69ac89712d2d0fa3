/**
 * The three panes and the keyboard: j/k move the cursor (and follow it when a ticket is
 * open), Enter/o open, u/Esc go back, g+i/u/m jump views, r/n write, ? help, ⌘K palette.
 */
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api/types.ts';
import { useLiveUpdates } from '../api/use-live-updates.ts';
import { useMacros } from '../api/use-macros.ts';
import { useSignOut } from '../api/use-session.ts';
import { prefetchTicket, useTicketList } from '../api/use-tickets.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { isControlTarget, useShortcuts } from '../keyboard/use-shortcuts.ts';
import { navigate, useRoute } from '../router.ts';
import type { ComposerHandle } from '../ticket/composer.tsx';
import { MacroPicker } from '../ticket/macro-picker.tsx';
import { TicketView } from '../ticket/ticket-view.tsx';
import { HelpOverlay } from '../ui/help-overlay.tsx';
import { applyTheme, resolvedTheme, savedTheme } from '../ui/theme.ts';
import { buildCommands } from './commands.ts';
import { TicketList } from './ticket-list.tsx';
import { ViewNav } from './view-nav.tsx';
import type { ViewId } from './views.ts';

// cmdk and its dialog load on the first ⌘K, not with the inbox.
const CommandPalette = lazy(async () => ({
  default: (await import('../ui/command-palette.tsx')).CommandPalette,
}));

export function Inbox({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const route = useRoute();
  const list = useTicketList(route.view, session.userId);
  const signOut = useSignOut();
  useLiveUpdates(session.workspaceId);
  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const [cursor, setCursor] = useState(0);
  const [overlay, setOverlay] = useState<'help' | 'palette' | 'macros' | null>(null);
  // The macro picker; a macro chosen in the palette is applied as soon as it opens.
  const [applyNow, setApplyNow] = useState<string | null>(null);
  const macros = useMacros(route.ticketId !== null);
  const openMacros = (macroId?: string) => {
    if (!route.ticketId) return;
    setApplyNow(macroId ?? null);
    setOverlay('macros');
  };
  const closeOverlay = useCallback(() => setOverlay(null), []);
  const [theme, setTheme] = useState(() => resolvedTheme(savedTheme()));
  const composer = useRef<ComposerHandle>(null);

  const openIndex = route.ticketId ? tickets.findIndex((x) => x.id === route.ticketId) : -1;
  useEffect(() => {
    if (openIndex >= 0) setCursor(openIndex);
  }, [openIndex]);
  useEffect(() => {
    const next = tickets[openIndex + 1];
    if (openIndex >= 0 && next) prefetchTicket(client, next.id);
  }, [client, openIndex, tickets]);

  const open = useCallback(
    (index: number) => {
      const ticket = tickets[index];
      if (!ticket) return;
      setCursor(index);
      navigate({ view: route.view, ticketId: ticket.id });
    },
    [tickets, route.view],
  );
  const move = (delta: number) => {
    const next = Math.min(Math.max(cursor + delta, 0), Math.max(tickets.length - 1, 0));
    setCursor(next);
    if (route.ticketId) open(next);
  };
  const goToView = (view: ViewId) => {
    setCursor(0);
    navigate({ view, ticketId: null });
  };
  const backToList = () => navigate({ view: route.view, ticketId: null });
  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    applyTheme(next);
    setTheme(next);
  };
  const toggleLanguage = () => void changeLanguage(i18n.language === 'ko' ? 'en' : 'ko');

  const commands = buildCommands({
    goToView,
    hasTicket: route.ticketId !== null,
    focusComposer: (mode) => composer.current?.focus(mode),
    macros: macros.data ?? [],
    macroLabel: (name) => t('commands.applyMacro', { name }),
    openMacros,
    backToList,
    toggleTheme,
    toggleLanguage,
    showHelp: () => setOverlay('help'),
    signOut: () => signOut.mutate(),
  });

  const withoutDefault = (run: () => void) => (event: KeyboardEvent) => {
    event.preventDefault();
    run();
  };
  const closed = overlay === null;
  useShortcuts(
    closed
      ? {
          j: () => move(1),
          ArrowDown: withoutDefault(() => move(1)),
          k: () => move(-1),
          ArrowUp: withoutDefault(() => move(-1)),
          Enter: (event) => !isControlTarget(event.target) && open(cursor),
          o: () => open(cursor),
          u: backToList,
          Escape: backToList,
          'g i': () => goToView('open'),
          'g u': () => goToView('unassigned'),
          'g m': () => goToView('mine'),
          // After 'g m': tinykeys fires the first match, so "g m" is not also "m".
          m: withoutDefault(() => openMacros()),
          '?': () => setOverlay('help'),
          'Shift+?': () => setOverlay('help'),
          r: withoutDefault(() => composer.current?.focus('reply')),
          n: withoutDefault(() => composer.current?.focus('note')),
        }
      : {},
  );
  useShortcuts(
    { '$mod+k': withoutDefault(() => setOverlay((o) => (o === 'palette' ? null : 'palette'))) },
    { inFields: true },
  );

  return (
    <div className={`inbox${route.ticketId ? ' has-ticket' : ''}`}>
      <ViewNav
        current={route.view}
        theme={theme}
        onToggleTheme={toggleTheme}
        onToggleLanguage={toggleLanguage}
        onSignOut={() => signOut.mutate()}
      />
      <main className="list-pane" aria-label={t(`views.${route.view}`)}>
        <h2 className="pane-title">{t(`views.${route.view}`)}</h2>
        {list.error && (
          <p role="alert" className="form-error">
            {t('errors.generic', { detail: list.error.message })}
          </p>
        )}
        <TicketList
          tickets={tickets}
          isFirstLoad={list.isPending}
          selectedIndex={cursor}
          openTicketId={route.ticketId}
          hasMore={list.hasNextPage}
          loadMore={() => !list.isFetchingNextPage && void list.fetchNextPage()}
          onOpen={open}
        />
      </main>
      {route.ticketId ? (
        <TicketView
          ticketId={route.ticketId}
          userId={session.userId}
          composerRef={composer}
          onBack={backToList}
        />
      ) : (
        <p className="no-ticket">{t('inbox.noTicket')}</p>
      )}
      {overlay === 'macros' && route.ticketId && (
        <MacroPicker
          key={route.ticketId}
          ticketId={route.ticketId}
          applyNow={applyNow}
          onClose={closeOverlay}
        />
      )}
      {overlay === 'help' && <HelpOverlay commands={commands} onClose={() => setOverlay(null)} />}
      {overlay === 'palette' && (
        <Suspense fallback={null}>
          <CommandPalette commands={commands} onClose={() => setOverlay(null)} />
        </Suspense>
      )}
    </div>
  );
}
