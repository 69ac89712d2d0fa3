/**
 * Writes the demo workspace into the database. Tickets are replayed through the same
 * commands the API uses (create, reply, note, status change), with a clock set to each
 * message's time, so the demo has the events, timestamps and search vectors real use would
 * leave behind: the timeline, metrics and rules later read them like any other ticket.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createApiToken } from '../modules/auth/commands/create-api-token.ts';
import { drainInbox } from '../modules/automation/process-inbox.ts';
import { ticketHooks } from '../modules/automation/ticket-hooks.ts';
import { insertContact, replaceIdentities } from '../modules/contacts/contacts.repository.ts';
import { addMessage } from '../modules/tickets/commands/add-message.ts';
import { createTicket } from '../modules/tickets/commands/create-ticket.ts';
import { updateTicket } from '../modules/tickets/commands/update-ticket.ts';
import { findTicket } from '../modules/tickets/tickets.repository.ts';
import { createUser } from '../modules/users/commands/create-user.ts';
import { createWorkspace } from '../modules/workspaces/commands/create-workspace.ts';
import { type Actor, systemActor } from '../platform/actor.ts';
import { manualClock } from '../platform/clock.ts';
import type { Deps } from '../platform/deps.ts';
import { seedDemoRules, seedDemoServiceLevels } from './demo-automation.ts';
import type { DemoContent, DemoTicket } from './demo-content.ts';

export type SeedResult = { workspaceId: string; ownerEmail: string; apiToken: string; tickets: number };

export async function seedDemo(
  deps: Deps,
  content: DemoContent,
  options: { password: string; now: Date },
): Promise<SeedResult> {
  const clock = manualClock(options.now);
  const seedDeps: Deps = { ...deps, clock };
  const passwordHash = await deps.passwords.hash(options.password);
  const [ownerSpec, ...otherAgents] = content.agents;
  if (!ownerSpec) throw new Error('demo content has no agents');

  const directory = await deps.db.transaction().execute(async (trx) => {
    const { workspace, owner } = await createWorkspace(seedDeps, trx, {
      slug: content.workspace.slug,
      name: content.workspace.name,
      owner: agentInput(ownerSpec),
      via: 'cli',
    });
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', owner.id).execute();
    const actor = systemActor(workspace.id, 'cli');
    const teamIds = await insertTeams(seedDeps, trx, actor, content);
    const agentIds = new Map<string, string>([[ownerSpec.key, owner.id]]);
    for (const agent of otherAgents) {
      const user = await createUser(
        seedDeps,
        trx,
        actor,
        { ...agentInput(agent), role: agent.role, teamIds: agent.teamKeys.map((k) => mustGet(teamIds, k)) },
        { passwordHash },
      );
      agentIds.set(agent.key, user.id);
    }
    await trx
      .insertInto('team_members')
      .values(
        ownerSpec.teamKeys.map((k) => ({
          workspace_id: workspace.id,
          team_id: mustGet(teamIds, k),
          user_id: owner.id,
        })),
      )
      .execute();
    const organizationIds = await insertOrganizations(seedDeps, trx, workspace.id, content);
    const contactIds = await insertContacts(seedDeps, trx, workspace.id, content, organizationIds);
    await insertCustomFields(seedDeps, trx, workspace.id, content);
    const token = await createApiToken(seedDeps, trx, actor, { userId: owner.id, name: 'Demo token' });
    return { workspace, owner, actor, teamIds, agentIds, contactIds, token: token.token };
  });

  const ordered = [...content.tickets].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const ticket of ordered) {
    await deps.db.transaction().execute((trx) => replayTicket(seedDeps, clock, trx, directory, ticket));
  }
  clock.set(options.now);
  await configureDemoAutomation(seedDeps, directory);
  return {
    workspaceId: directory.workspace.id,
    ownerEmail: directory.owner.email,
    apiToken: directory.token,
    tickets: ordered.length,
  };
}

/**
 * Service levels first, then the history's clocks are computed by draining the inbox (no
 * rules exist yet, so nothing acts on history), then rules, macros and urgent alerts.
 */
async function configureDemoAutomation(deps: Deps, directory: Directory & { owner: { id: string } }) {
  const actor: Actor = {
    workspaceId: directory.workspace.id,
    type: 'agent',
    id: directory.owner.id,
    userId: directory.owner.id,
    role: 'owner',
    via: 'cli',
  };
  const team = (key: string) => mustGet(directory.teamIds, key);
  const teams = {
    tier1: team('tier1'),
    billing: team('billing'),
    logistics: team('logistics'),
    technical: team('technical'),
    vip: team('vip'),
  };
  await deps.db.transaction().execute((trx) => seedDemoServiceLevels(deps, trx, actor, teams));
  await drainInbox({ ...deps, jobs: null }, { hooks: ticketHooks });
  await deps.db.transaction().execute((trx) => seedDemoRules(deps, trx, actor, teams));
}

type Directory = {
  workspace: { id: string };
  teamIds: Map<string, string>;
  agentIds: Map<string, string>;
  contactIds: Map<string, string>;
};

function agentInput(a: DemoContent['agents'][number]) {
  return {
    email: a.email,
    name: a.name,
    status: a.status,
    capacity: a.capacity,
    languages: a.languages,
    topics: a.topics,
    locale: a.languages.includes('ko') ? 'ko' : 'en',
    timeZone: a.languages.includes('ko') ? 'Asia/Seoul' : 'UTC',
  };
}

function mustGet(map: Map<string, string>, key: string): string {
  const value = map.get(key);
  if (!value) throw new Error(`demo content refers to unknown key ${key}`);
  return value;
}

async function insertTeams(deps: Deps, trx: Kysely<DB>, actor: Actor, content: DemoContent) {
  const ids = new Map<string, string>();
  for (const team of content.teams) {
    const id = deps.ids.next();
    await trx
      .insertInto('teams')
      .values({ id, workspace_id: actor.workspaceId, name: team.name, description: team.description })
      .execute();
    ids.set(team.key, id);
  }
  return ids;
}

async function insertOrganizations(deps: Deps, trx: Kysely<DB>, workspaceId: string, content: DemoContent) {
  const ids = new Map<string, string>();
  for (const org of content.organizations) {
    const id = deps.ids.next();
    await trx
      .insertInto('organizations')
      .values({
        id,
        workspace_id: workspaceId,
        name: org.name,
        domains: org.domains,
        attributes: JSON.stringify(org.attributes),
      })
      .execute();
    ids.set(org.key, id);
  }
  return ids;
}

async function insertContacts(
  deps: Deps,
  trx: Kysely<DB>,
  workspaceId: string,
  content: DemoContent,
  organizationIds: Map<string, string>,
) {
  const ids = new Map<string, string>();
  const at = deps.clock.now();
  for (const c of content.contacts) {
    const contact = await insertContact(trx, {
      id: deps.ids.next(),
      workspaceId,
      name: c.name,
      language: c.language,
      timeZone: c.timeZone,
      isVip: c.isVip,
      organizationId: c.organizationKey ? mustGet(organizationIds, c.organizationKey) : null,
      attributes: c.attributes,
      at,
    });
    await replaceIdentities(trx, {
      workspaceId,
      contactId: contact.id,
      identities: { emails: c.emails, phones: c.phones, externalIds: c.externalIds },
      newId: () => deps.ids.next(),
    });
    ids.set(c.key, contact.id);
  }
  return ids;
}

async function insertCustomFields(deps: Deps, trx: Kysely<DB>, workspaceId: string, content: DemoContent) {
  for (const f of content.customFields) {
    await trx
      .insertInto('custom_field_definitions')
      .values({
        id: deps.ids.next(),
        workspace_id: workspaceId,
        key: f.key,
        label: f.label,
        type: f.type,
        options: JSON.stringify(f.options),
        required: f.required,
        description: f.description,
      })
      .execute();
  }
}

async function replayTicket(
  deps: Deps,
  clock: ReturnType<typeof manualClock>,
  trx: Kysely<DB>,
  dir: Directory,
  t: DemoTicket,
): Promise<void> {
  const ws = dir.workspace.id;
  const [first, ...rest] = t.messages;
  if (!first) return;
  const customerActor: Actor = {
    workspaceId: ws,
    type: 'contact',
    id: mustGet(dir.contactIds, t.requesterKey),
    userId: null,
    role: 'agent',
    via: channelVia(t.channel),
  };
  clock.set(t.createdAt);
  const ticket = await createTicket(deps, trx, customerActor, {
    subject: t.subject,
    requester: { id: mustGet(dir.contactIds, t.requesterKey) },
    message: { bodyText: first.text, visibility: 'public' },
    channel: t.channel,
    status: 'new',
    priority: t.priority,
    type: t.type,
    language: t.language,
    tags: t.tags,
    customFields: t.customFields,
    assigneeId: t.assigneeKey ? mustGet(dir.agentIds, t.assigneeKey) : null,
    teamId: t.teamKey ? mustGet(dir.teamIds, t.teamKey) : null,
  });
  for (const m of rest) {
    clock.set(m.at);
    const actor: Actor =
      m.author.kind === 'agent'
        ? {
            workspaceId: ws,
            type: 'agent',
            id: mustGet(dir.agentIds, m.author.key),
            userId: mustGet(dir.agentIds, m.author.key),
            role: 'agent',
            via: 'web',
          }
        : customerActor;
    // Without config and jobs: the demo's history is not mailed to its made-up customers.
    await addMessage({ clock: deps.clock, ids: deps.ids }, trx, actor, {
      ticketId: ticket.id,
      message: {
        bodyText: m.text,
        visibility: m.visibility,
        author: m.author.kind === 'agent' ? 'me' : 'requester',
      },
    });
  }
  const last = t.messages.at(-1);
  if (last) clock.set(new Date(last.at.getTime() + 60_000));
  const agentId = t.assigneeKey ? mustGet(dir.agentIds, t.assigneeKey) : null;
  const closer: Actor = {
    workspaceId: ws,
    type: agentId ? 'agent' : 'system',
    id: agentId,
    userId: agentId,
    role: 'agent',
    via: 'web',
  };
  const current = await findTicket(trx, ws, ticket.id);
  for (const status of statusPath(current?.status ?? 'new', t.status)) {
    await updateTicket(deps, trx, closer, { ticketId: ticket.id, changes: { status } });
  }
}

/** The status changes that take a replayed ticket from its current status to its demo status. */
function statusPath(current: DemoTicket['status'], target: DemoTicket['status']): DemoTicket['status'][] {
  if (current === target) return [];
  if (target === 'closed') return current === 'solved' ? ['closed'] : ['solved', 'closed'];
  return [target];
}

function channelVia(channel: DemoTicket['channel']): Actor['via'] {
  if (channel === 'email') return 'email';
  if (channel === 'chat') return 'chat';
  if (channel === 'phone') return 'phone';
  if (channel === 'web') return 'web';
  return 'api';
}
