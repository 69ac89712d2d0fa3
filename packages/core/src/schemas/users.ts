/** Wire schemas of users (agents, admins, owners): requests, replies and list filters. */
import { z } from 'zod';
import { idSchema, languageSchema, timestampSchema } from './common.ts';

export const userRoleSchema = z.enum(['owner', 'admin', 'agent', 'light_agent']);
export type UserRole = z.infer<typeof userRoleSchema>;
export const userStatusSchema = z.enum(['online', 'away', 'offline']);
export const userLocaleSchema = z.enum(['ko', 'en']).describe('Language of the agent interface.');

/** True for a zone name in the IANA database that this runtime knows ('UTC', 'Asia/Seoul'). */
export function isIanaTimeZone(value: string): boolean {
  // Intl also accepts offsets such as '+09:00'; they follow no DST rules, so only names pass.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const userTimeZoneSchema = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, 'must be an IANA time zone such as Asia/Seoul or UTC')
  .describe('IANA time zone.');

const nameSchema = z.string().trim().min(1).max(200);
const emailSchema = z.email().max(320);
const capacitySchema = z.number().int().min(0).max(10_000).describe('Most open tickets at a time.');
const languagesSchema = z
  .array(languageSchema)
  .max(20)
  .transform((v) => [...new Set(v)])
  .describe('Languages the agent answers in (BCP 47: ko, en).');
const topicsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(80)
      .transform((t) => t.toLowerCase()),
  )
  .max(50)
  .transform((v) => [...new Set(v)])
  .describe('Skill keywords used by skill-based assignment.');
const teamIdsSchema = z.array(idSchema).max(100);
/** NIST 800-63B: length matters, composition rules do not; the server repeats the minimum check. */
export const newPasswordSchema = z.string().min(10, 'at least 10 characters').max(1000);

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  status: userStatusSchema,
  capacity: z.number().int(),
  languages: z.array(z.string()),
  topics: z.array(z.string()),
  locale: z.string(),
  timeZone: z.string(),
  teamIds: z.array(idSchema),
  deactivatedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type UserDto = z.infer<typeof userSchema>;

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    role: userRoleSchema.default('agent').describe('Only owners may create owners and admins.'),
    password: newPasswordSchema
      .optional()
      .describe('Without one the user cannot sign in until a password is set.'),
    status: userStatusSchema.optional(),
    capacity: capacitySchema.optional(),
    languages: languagesSchema.optional(),
    topics: topicsSchema.optional(),
    locale: userLocaleSchema.optional(),
    timeZone: userTimeZoneSchema.optional(),
    teamIds: teamIdsSchema.optional(),
  })
  .strict();
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    email: emailSchema.optional(),
    name: nameSchema.optional(),
    role: userRoleSchema.optional().describe('Only owners grant or revoke the owner and admin roles.'),
    capacity: capacitySchema.optional(),
    languages: languagesSchema.optional(),
    topics: topicsSchema.optional(),
    teamIds: teamIdsSchema.optional().describe('Replaces all team memberships.'),
  })
  .strict();
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const updateMeSchema = z
  .object({
    name: nameSchema.optional(),
    status: userStatusSchema.optional(),
    locale: userLocaleSchema.optional(),
    timeZone: userTimeZoneSchema.optional(),
  })
  .strict();
export type UpdateMeInput = z.output<typeof updateMeSchema>;

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1).max(1000), newPassword: newPasswordSchema })
  .strict();

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listUsersQuerySchema = z
  .object({
    role: userRoleSchema.optional(),
    teamId: idSchema.optional().describe('Members of this team.'),
    status: userStatusSchema.optional(),
    includeDeactivated: booleanQuery.default(false),
  })
  .strict();
export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;
