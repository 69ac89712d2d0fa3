export * from './channel-schemas.ts';
export * from './web-form-text.ts';
