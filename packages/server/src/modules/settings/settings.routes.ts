/** HTTP routes of workspace settings: everyone reads the automation settings, admins change them. */
import { automationSettingsSchema, updateAutomationSettingsSchema } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { updateAutomationSettings } from './commands/update-automation-settings.ts';
import { loadAutomationSettings } from './settings.repository.ts';

const tags = ['Settings'];

export function registerSettingsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/settings/automation',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Get the workspace automation settings',
        description: 'Keys never saved read as their defaults.',
        response: { 200: automationSettingsSchema },
      },
    },
    async (request) => loadAutomationSettings(deps.db, actorOf(request).workspaceId),
  );

  r.patch(
    '/settings/automation',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Change the workspace automation settings',
        description:
          'Workspace language, business calendar, VIP routing, urgent-ticket alerts and acknowledgement, thank-you detection and language detection. Unknown ids answer 422 with a pointer to the field.',
        body: updateAutomationSettingsSchema,
        response: { 200: automationSettingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db.transaction().execute((trx) => updateAutomationSettings(deps, trx, actor, request.body));
    },
  );
}
