/**
 * Rule request bodies. The OpenAPI document shows the engine's rule schema, but the route
 * lets the body through (as long as it is an object) so that validateRule, not the route's
 * zod schema, judges it: it reports every problem at once with the engine's exact pointers,
 * and the schema's transforms (trimmed names, lower-cased tags) must not run twice.
 */
import { type FieldError, idSchema, validationError } from '@switchboard/core';
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { zodValidatorCompiler } from '../../http/validation.ts';

const anyObject = z.record(z.string(), z.unknown());

/** Validates params and query as usual; validates the body with `body` instead of the documented schema. */
export function bodyValidatedBy<S>(body: z.ZodType = anyObject): FastifySchemaCompiler<S> {
  return (route) =>
    zodValidatorCompiler({
      ...route,
      schema: route.httpPart === 'body' ? body : (route.schema as z.ZodType),
    });
}

const placementSchema = z.object({
  ruleSetId: idSchema.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

export type SplitRuleBody = {
  ruleSetId: string | undefined;
  position: number | undefined;
  rule: Record<string, unknown>;
  errors: FieldError[];
};

/** Separates where the rule goes (ruleSetId, position) from the rule itself. */
export function splitRuleBody(body: unknown, options: { isSetRequired: boolean }): SplitRuleBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError([{ pointer: '', message: 'Must be a JSON object.' }]);
  }
  const { ruleSetId, position, ...rule } = body as Record<string, unknown>;
  const parsed = placementSchema.safeParse({ ruleSetId, position });
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ pointer: `/${issue.path.join('/')}`, message: issue.message }));
  if (options.isSetRequired && ruleSetId === undefined)
    errors.push({ pointer: '/ruleSetId', message: 'Required.' });
  return {
    ruleSetId: parsed.success ? parsed.data.ruleSetId : undefined,
    position: parsed.success ? parsed.data.position : undefined,
    rule,
    errors,
  };
}
