/** Wire schemas of teams and their members. */
import { z } from 'zod';
import { idSchema, timestampSchema } from './common.ts';

const teamNameSchema = z.string().trim().min(1).max(100).describe('Unique in the workspace, ignoring case.');
const teamDescriptionSchema = z.string().trim().max(1000);
const userIdsSchema = z.array(idSchema).max(500);

export const teamSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  memberIds: z.array(idSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type TeamDto = z.infer<typeof teamSchema>;

export const createTeamSchema = z
  .object({
    name: teamNameSchema,
    description: teamDescriptionSchema.default(''),
    memberIds: userIdsSchema.default([]),
  })
  .strict();
export type CreateTeamInput = z.output<typeof createTeamSchema>;

export const updateTeamSchema = z
  .object({ name: teamNameSchema.optional(), description: teamDescriptionSchema.optional() })
  .strict()
  .describe('Change members with PUT /teams/{id}/members.');
export type UpdateTeamInput = z.output<typeof updateTeamSchema>;

export const replaceTeamMembersSchema = z
  .object({ userIds: userIdsSchema.describe('The complete new membership.') })
  .strict();
