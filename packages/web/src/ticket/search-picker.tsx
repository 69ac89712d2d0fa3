/**
 * A modal list searched as you type: ↑/↓ move, Enter picks, Esc closes and focus goes back
 * where it was. Keys pressed while an IME composes (Korean) only edit the search text.
 */
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { isImeComposing } from '../keyboard/use-shortcuts.ts';

export type PickerItem = { id: string; label: string; detail?: string; search: string };

type Props = {
  title: string;
  placeholder: string;
  empty: string;
  items: PickerItem[];
  busy?: boolean;
  /** Shown under the list (an error, for one); the search text stays. */
  status?: ReactNode;
  onPick(id: string): void;
  onClose(): void;
};

export function SearchPicker({ title, placeholder, empty, items, busy, status, onPick, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  useEffect(() => {
    const returnTo = document.activeElement;
    dialog.current?.showModal();
    return () => {
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    };
  }, []);

  const needle = query.trim().toLocaleLowerCase();
  const shown = needle ? items.filter((item) => item.search.toLocaleLowerCase().includes(needle)) : items;
  const current = Math.min(active, Math.max(shown.length - 1, 0));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (isImeComposing(event.nativeEvent)) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.min(Math.max(current + delta, 0), Math.max(shown.length - 1, 0)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = shown[current];
      if (item && !busy) onPick(item.id);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="search-picker"
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <input
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[current] ? `${listId}-${current}` : undefined}
        aria-label={title}
        placeholder={placeholder}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        autoFocus
      />
      <div id={listId} role="listbox" aria-label={title} aria-busy={busy ? 'true' : 'false'}>
        {shown.length === 0 && <p className="picker-empty">{empty}</p>}
        {shown.map((item, index) => (
          <div
            key={item.id}
            tabIndex={-1}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === current}
            className={index === current ? 'active' : ''}
            onMouseDown={(event) => {
              event.preventDefault();
              if (!busy) onPick(item.id);
            }}
          >
            <span className="picker-label">{item.label}</span>
            {item.detail && <span className="picker-detail">{item.detail}</span>}
          </div>
        ))}
      </div>
      {status}
    </dialog>
  );
}
