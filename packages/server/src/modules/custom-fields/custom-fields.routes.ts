import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';

export function registerCustomFieldRoutes(_app: FastifyInstance, _deps: Deps): void {}
