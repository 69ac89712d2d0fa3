/**
 * Request validation with zod that keeps each issue's path as an array, so the problem
 * response can name every invalid field with an exact JSON pointer. (The stock compiler of
 * fastify-type-provider-zod joins paths with '/' and loses escaping.) Fastify passes an
 * Error returned here through unchanged and sets its `validationContext` (body, querystring…).
 */
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

export class RequestValidationError extends Error {
  readonly issues: { path: PropertyKey[]; message: string }[];
  validationContext?: string;

  constructor(issues: { path: PropertyKey[]; message: string }[]) {
    super('request validation failed');
    this.name = 'RequestValidationError';
    this.issues = issues;
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues.flatMap(toFieldIssues)) };
  };

// zod reports unknown keys as one issue on the enclosing object; the client needs a pointer
// to each unknown field itself (`/severity`, not `` for the whole body).
function toFieldIssues(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string }[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...issue.path, key], message: 'unknown field' }));
  }
  return [{ path: [...issue.path], message: issue.message }];
}
