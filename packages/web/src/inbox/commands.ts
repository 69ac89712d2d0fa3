/**
 * Agent commands in one registry of small objects, read by the command palette and the help
 * overlay; the keyboard bindings in inbox.tsx call the same `run`.
 */
import { type ViewId, viewIds } from './views.ts';

export type Command = {
  id: string;
  /** i18n key of the label. */
  labelKey: string;
  /** Shown instead of the translated labelKey (data such as a macro's name). */
  label?: string;
  /** As shown to the agent, e.g. "g i". */
  shortcut?: string;
  isEnabled?: () => boolean;
  run: () => void;
};

export type CommandContext = {
  goToView(view: ViewId): void;
  hasTicket: boolean;
  focusComposer(mode: 'reply' | 'note'): void;
  /** The macros offered as "Apply macro: <name>" while a ticket is open. */
  macros?: { id: string; name: string }[];
  macroLabel?: (name: string) => string;
  openMacros(applyNow?: string): void;
  backToList(): void;
  toggleTheme(): void;
  toggleLanguage(): void;
  showHelp(): void;
  signOut(): void;
};

const viewShortcuts: Partial<Record<ViewId, string>> = { open: 'g i', unassigned: 'g u', mine: 'g m' };

export function buildCommands(ctx: CommandContext): Command[] {
  const views: Command[] = viewIds.map((view) => ({
    id: `view.${view}`,
    labelKey: `commands.goTo.${view}`,
    ...(viewShortcuts[view] ? { shortcut: viewShortcuts[view] } : {}),
    run: () => ctx.goToView(view),
  }));
  return [
    ...views,
    {
      id: 'ticket.reply',
      labelKey: 'commands.reply',
      shortcut: 'r',
      isEnabled: () => ctx.hasTicket,
      run: () => ctx.focusComposer('reply'),
    },
    {
      id: 'ticket.note',
      labelKey: 'commands.note',
      shortcut: 'n',
      isEnabled: () => ctx.hasTicket,
      run: () => ctx.focusComposer('note'),
    },
    {
      id: 'ticket.macros',
      labelKey: 'commands.macros',
      shortcut: 'm',
      isEnabled: () => ctx.hasTicket,
      run: () => ctx.openMacros(),
    },
    ...(ctx.hasTicket ? (ctx.macros ?? []) : []).map(
      (macro): Command => ({
        id: `macro.${macro.id}`,
        labelKey: 'commands.applyMacro',
        label: ctx.macroLabel?.(macro.name) ?? macro.name,
        run: () => ctx.openMacros(macro.id),
      }),
    ),
    {
      id: 'ticket.back',
      labelKey: 'commands.back',
      shortcut: 'u',
      isEnabled: () => ctx.hasTicket,
      run: ctx.backToList,
    },
    { id: 'settings.theme', labelKey: 'commands.toggleTheme', run: ctx.toggleTheme },
    { id: 'settings.language', labelKey: 'commands.toggleLanguage', run: ctx.toggleLanguage },
    { id: 'help', labelKey: 'commands.help', shortcut: '?', run: ctx.showHelp },
    { id: 'session.signOut', labelKey: 'commands.signOut', run: ctx.signOut },
  ];
}
