/**
 * Global shortcuts through tinykeys. A key never fires while an IME is composing (Korean
 * input sends keydowns with isComposing, or keyCode 229 in some browsers) nor while the
 * agent types in a field; `inFields` bindings (⌘K) are the documented exceptions.
 */
import { useEffect, useRef } from 'react';
import { type KeybindingsMap, tinykeys } from 'tinykeys';

export function isImeComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof Element && target.matches('input, textarea, select, [contenteditable]');
}

/** Enter on a focused link or button belongs to that control, not to the list. */
export function isControlTarget(target: EventTarget | null): boolean {
  return target instanceof Element && target.matches('a, button, summary');
}

export function useShortcuts(bindings: KeybindingsMap, options: { inFields?: boolean } = {}): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  const keys = Object.keys(bindings).join('|');
  const inFields = options.inFields ?? false;
  useEffect(() => {
    const proxied: KeybindingsMap = {};
    for (const key of keys.split('|')) {
      if (key) proxied[key] = (event) => latest.current[key]?.(event);
    }
    return tinykeys(window, proxied, {
      ignore: (event) => event.repeat || isImeComposing(event) || (!inFields && isTypingTarget(event.target)),
    });
  }, [keys, inFields]);
}
