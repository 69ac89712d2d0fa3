export * from './classify-inbound-mail.ts';
export * from './decide-thread.ts';
export * from './strip-quoted-reply.ts';
export * from './ticket-number-from-subject.ts';
