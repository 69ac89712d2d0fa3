/**
 * HTTP routes of rules: everyone on the team reads them, admins write them. Rule bodies are
 * documented with the engine's schema but judged by validateRule (see rule-body.ts).
 */
import {
  createRuleBodySchema,
  DomainError,
  describeRuleFields,
  idSchema,
  listRulesQuerySchema,
  ruleFieldsResponseSchema,
  ruleSchema,
  updateRuleBodySchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { listCustomFieldDefinitions } from '../custom-fields/custom-fields.repository.ts';
import { createRule } from './commands/create-rule.ts';
import { deleteRule } from './commands/delete-rule.ts';
import { updateRule } from './commands/update-rule.ts';
import { bodyValidatedBy } from './rule-body.ts';
import { findRuleStats } from './rule-log.repository.ts';
import { registerRuleLogRoutes } from './rule-log.routes.ts';
import { registerRuleSetRoutes } from './rule-sets.routes.ts';
import { findRule, listRules, toRuleDto } from './rules-admin.repository.ts';

const tags = ['Rules'];
const idParams = z.object({ id: idSchema });

export function registerRuleRoutes(app: FastifyInstance, deps: Deps): void {
  registerRuleSetRoutes(app, deps);
  registerRuleLogRoutes(app, deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/rules/fields',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Fields, types, values and operators for the rule editor',
        description: "Includes the workspace's custom fields as ticket.customFields.<key>.",
        response: { 200: ruleFieldsResponseSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const customFields = await listCustomFieldDefinitions(deps.db, actor.workspaceId);
      const fields = describeRuleFields({ customFields }).map(({ values, ...f }) => ({
        ...f,
        ...(values ? { values: [...values] } : {}),
        operators: [...f.operators],
        changeOperators: [...f.changeOperators],
        kinds: [...f.kinds],
      }));
      return { data: fields };
    },
  );

  r.get(
    '/rules',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List rules',
        description:
          'In run order: by kind, rule set position, then rule position. Filters combine with AND.',
        querystring: listRulesQuerySchema,
        response: { 200: z.object({ data: z.array(ruleSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listRules(deps.db, actor.workspaceId, request.query);
      const stats = await findRuleStats(
        deps.db,
        actor.workspaceId,
        rows.map((row) => row.id),
      );
      return { data: rows.map((row) => toRuleDto(row, stats.get(row.id)!)) };
    },
  );

  r.get(
    '/rules/:id',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Get a rule with its counters',
        params: idParams,
        response: { 200: ruleSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await findRule(deps.db, actor.workspaceId, request.params.id);
      if (!row) throw new DomainError('RULE_NOT_FOUND', `Rule ${request.params.id} does not exist.`);
      const stats = await findRuleStats(deps.db, actor.workspaceId, [row.id]);
      return toRuleDto(row, stats.get(row.id)!);
    },
  );

  r.post(
    '/rules',
    {
      config: { auth: 'admin' },
      validatorCompiler: bodyValidatedBy(),
      schema: {
        tags,
        summary: 'Create a rule',
        description:
          "Validated as a whole: every problem is listed with a JSON pointer. The rule's kind must be its set's " +
          'kind; an enabled update rule that would re-trigger other enabled rules is refused (RULE_CYCLE_DETECTED).',
        body: createRuleBodySchema,
        response: { 201: ruleSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body: unknown = request.body;
      const rule = await deps.db.transaction().execute((trx) => createRule(deps, trx, actor, body));
      return reply.code(201).header('location', `/api/v1/rules/${rule.id}`).send(rule);
    },
  );

  r.patch(
    '/rules/:id',
    {
      config: { auth: 'admin' },
      validatorCompiler: bodyValidatedBy(),
      schema: {
        tags,
        summary: 'Change a rule',
        description: 'The fields sent are merged into the rule, and the result is validated as on creation.',
        params: idParams,
        body: updateRuleBodySchema,
        response: { 200: ruleSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body: unknown = request.body;
      return deps.db
        .transaction()
        .execute((trx) => updateRule(deps, trx, actor, { ruleId: request.params.id, body }));
    },
  );

  r.delete(
    '/rules/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete a rule',
        params: idParams,
        response: { 204: z.null().describe('Deleted.') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteRule(deps, trx, actor, { ruleId: request.params.id }));
      return reply.code(204).send(null);
    },
  );
}
