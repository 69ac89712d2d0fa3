/** HTTP routes of the run log, the per-rule counters and rule preview. */
import {
  DomainError,
  idSchema,
  type RulePreviewRequest,
  rulePreviewBodySchema,
  rulePreviewRequestSchema,
  rulePreviewResultSchema,
  ruleRunSchema,
  ruleRunsQuerySchema,
  ruleStatsListSchema,
  runLogPageSchema,
  runLogQuerySchema,
  ticketRuleRunSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { previewRule } from './commands/preview-rule.ts';
import { bodyValidatedBy } from './rule-body.ts';
import {
  listRunsOfRule,
  listRunsOfTicket,
  listStatsOfRules,
  toRuleRunDto,
  toTicketRuleRunDto,
} from './rule-log.repository.ts';
import { findRule } from './rules-admin.repository.ts';

const tags = ['Rules'];
const idParams = z.object({ id: idSchema });

/** One row more than asked tells whether another page exists. */
function pageOf<R extends { id: number }, T>(rows: R[], limit: number, toDto: (row: R) => T) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(toDto), nextBefore: rows.length > limit && last ? String(last.id) : null };
}

export function registerRuleLogRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/rules/stats',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Counters of every rule',
        description: 'Runs, matches, failures, last run, match and failure, mean duration; in run order.',
        response: { 200: ruleStatsListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listStatsOfRules(deps.db, actor.workspaceId);
      return { data: rows.map(({ stats, ...rule }) => ({ ...rule, ...stats })) };
    },
  );

  r.get(
    '/rules/:id/runs',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: "A rule's run log",
        description: 'Newest first; page by passing `nextBefore` as `before` until it is null.',
        params: idParams,
        querystring: ruleRunsQuerySchema,
        response: { 200: runLogPageSchema(ruleRunSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rule = await findRule(deps.db, actor.workspaceId, request.params.id);
      if (!rule) throw new DomainError('RULE_NOT_FOUND', `Rule ${request.params.id} does not exist.`);
      const { limit, ...filter } = request.query;
      const rows = await listRunsOfRule(deps.db, actor.workspaceId, rule.id, { ...filter, limit: limit + 1 });
      return pageOf(rows, limit, (row) => toRuleRunDto(row, rule.id));
    },
  );

  r.get(
    '/tickets/:id/rule-runs',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Every evaluation of the rules on a ticket',
        description: "Newest first, each with every rule's outcome; page with `before`.",
        params: idParams,
        querystring: runLogQuerySchema,
        response: { 200: runLogPageSchema(ticketRuleRunSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ticket = await findTicket(deps.db, actor.workspaceId, request.params.id);
      if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${request.params.id} does not exist.`);
      const { limit, before } = request.query;
      const rows = await listRunsOfTicket(deps.db, actor.workspaceId, ticket.id, {
        before,
        limit: limit + 1,
      });
      return pageOf(rows, limit, toTicketRuleRunDto);
    },
  );

  r.post(
    '/rules/preview',
    {
      config: { auth: 'admin' },
      validatorCompiler: bodyValidatedBy(rulePreviewRequestSchema),
      schema: {
        tags,
        summary: 'Preview a rule over past tickets',
        description:
          'Evaluates a saved rule (`ruleId`) or an unsaved one (`rule`, validated as on save, pointers under ' +
          '/rule) over past tickets, newest first, and lists those it would have matched with what it would ' +
          'have done. Creation rules see each ticket as created; update rules its latest triggering event; time ' +
          'rules the ticket as it is now. Nothing is changed.',
        body: rulePreviewBodySchema,
        response: { 200: rulePreviewResultSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // Validated by rulePreviewRequestSchema (see bodyValidatedBy), not by the documented schema.
      const body = request.body as unknown as RulePreviewRequest;
      return previewRule(deps, actor, body);
    },
  );
}
