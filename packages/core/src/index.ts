export * from './errors.ts';
export * from './schemas/common.ts';
export * from './schemas/tickets.ts';
export * from './search/search-terms.ts';
export * from './tickets/custom-fields.ts';
export * from './tickets/ticket-status.ts';
