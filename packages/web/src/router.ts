/** A hash router is all the app needs yet: #/<view> and #/<view>/<ticketId>. */
import { useEffect, useState } from 'react';
import { isViewId, type ViewId } from './inbox/views.ts';

export type Route = { view: ViewId; ticketId: string | null };

export function parseHash(hash: string): Route {
  const [view = '', ticketId = ''] = hash.replace(/^#\/?/, '').split('/');
  return { view: isViewId(view) ? view : 'mine', ticketId: ticketId || null };
}

export function routeHref(route: Route): string {
  return route.ticketId ? `#/${route.view}/${route.ticketId}` : `#/${route.view}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
