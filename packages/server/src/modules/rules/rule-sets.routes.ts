/** HTTP routes of rule sets: everyone on the team reads them, admins shape them. */
import {
  createRuleSetSchema,
  DomainError,
  idSchema,
  reorderRuleSetsSchema,
  reorderRulesSchema,
  ruleKinds,
  ruleSetSchema,
  updateRuleSetSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { createRuleSet } from './commands/create-rule-set.ts';
import { deleteRuleSet } from './commands/delete-rule-set.ts';
import { reorderRuleSets } from './commands/reorder-rule-sets.ts';
import { reorderRules } from './commands/reorder-rules.ts';
import { updateRuleSet } from './commands/update-rule-set.ts';
import { findRuleSet, listRuleIdsOfSets, listRuleSets, toRuleSetDto } from './rules-admin.repository.ts';

const tags = ['Rules'];
const idParams = z.object({ id: idSchema });

export function registerRuleSetRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/rule-sets',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List rule sets',
        description: 'By kind, then in run order.',
        querystring: z.object({ kind: z.enum(ruleKinds).optional() }),
        response: { 200: z.object({ data: z.array(ruleSetSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const sets = await listRuleSets(deps.db, actor.workspaceId, request.query);
      const ruleIds = await listRuleIdsOfSets(
        deps.db,
        actor.workspaceId,
        sets.map((s) => s.id),
      );
      return { data: sets.map((s) => toRuleSetDto(s, ruleIds.get(s.id) ?? [])) };
    },
  );

  r.get(
    '/rule-sets/:id',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Get a rule set', params: idParams, response: { 200: ruleSetSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const set = await findRuleSet(deps.db, actor.workspaceId, request.params.id);
      if (!set) throw new DomainError('RULE_SET_NOT_FOUND', `Rule set ${request.params.id} does not exist.`);
      const ruleIds = await listRuleIdsOfSets(deps.db, actor.workspaceId, [set.id]);
      return toRuleSetDto(set, ruleIds.get(set.id) ?? []);
    },
  );

  r.post(
    '/rule-sets',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Create a rule set',
        description:
          'first_match stops at the first rule that fires; all_matches runs every rule that matches.',
        body: createRuleSetSchema,
        response: { 201: ruleSetSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const set = await deps.db.transaction().execute((trx) => createRuleSet(deps, trx, actor, request.body));
      return reply.code(201).header('location', `/api/v1/rule-sets/${set.id}`).send(set);
    },
  );

  r.patch(
    '/rule-sets/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Change a rule set',
        params: idParams,
        body: updateRuleSetSchema,
        response: { 200: ruleSetSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) =>
          updateRuleSet(deps, trx, actor, { ruleSetId: request.params.id, changes: request.body }),
        );
    },
  );

  r.delete(
    '/rule-sets/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete a rule set and its rules',
        params: idParams,
        response: { 204: z.null().describe('Deleted.') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteRuleSet(deps, trx, actor, { ruleSetId: request.params.id }));
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/rule-sets/order',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Set the run order of the rule sets of one kind',
        body: reorderRuleSetsSchema,
        response: { 200: z.object({ data: z.array(ruleSetSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const data = await deps.db
        .transaction()
        .execute((trx) => reorderRuleSets(deps, trx, actor, request.body));
      return { data };
    },
  );

  r.put(
    '/rule-sets/:id/order',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Set the run order of the rules of a set',
        params: idParams,
        body: reorderRulesSchema,
        response: { 200: ruleSetSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) =>
          reorderRules(deps, trx, actor, { ruleSetId: request.params.id, ids: request.body.ids }),
        );
    },
  );
}
