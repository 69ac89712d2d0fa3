/** Built-in inbox views, each a filter of GET /api/v1/tickets. */

export const viewIds = ['mine', 'unassigned', 'open', 'pending', 'recent'] as const;
export type ViewId = (typeof viewIds)[number];

const OPEN_STATUSES = 'new,open,pending,on_hold';

export function viewQuery(view: ViewId, userId: string): Record<string, string> {
  switch (view) {
    case 'mine':
      return { assigneeId: userId, status: OPEN_STATUSES };
    case 'unassigned':
      return { assigneeId: 'none', status: OPEN_STATUSES };
    case 'open':
      return { status: 'new,open' };
    case 'pending':
      return { status: 'pending' };
    case 'recent':
      return { sort: '-updatedAt' };
  }
}

export function isViewId(value: string): value is ViewId {
  return (viewIds as readonly string[]).includes(value);
}
