/** `?`: every shortcut, from the same command registry the palette reads. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../inbox/commands.ts';

const listKeys: [string, string][] = [
  ['j / ↓', 'help.next'],
  ['k / ↑', 'help.previous'],
  ['Enter / o', 'help.open'],
  ['Esc / u', 'help.back'],
  ['⌘/Ctrl + Enter', 'help.send'],
  ['⌘/Ctrl + /', 'help.canned'],
  ['⌘/Ctrl + K', 'help.palette'],
];

export function HelpOverlay({ commands, onClose }: { commands: Command[]; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const rows = [
    ...listKeys,
    ...commands.filter((c) => c.shortcut).map((c): [string, string] => [c.shortcut ?? '', c.labelKey]),
  ];
  return (
    <dialog ref={dialog} className="help-overlay" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">{t('help.title')}</h2>
      <table>
        <tbody>
          {rows.map(([keys, labelKey]) => (
            <tr key={`${keys}-${labelKey}`}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{t(labelKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">{t('help.close')}</button>
      </form>
    </dialog>
  );
}
