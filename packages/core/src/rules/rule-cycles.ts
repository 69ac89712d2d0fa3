/**
 * Static loop check at save time. Rule A "writes" B's trigger when an action of A sets a
 * field that a changed / changed_from / changed_to condition of B (or an
 * `event.changedFields` condition) watches, with a value that could satisfy it. A cycle of
 * such links among enabled rules is reported so the API can refuse or warn. The cascade
 * guards bound any loop at run time regardless; this check tells the admin before it
 * happens. A rule watching its own writes is not reported: it can never fire twice for one
 * change.
 */
import type { RuleWrite } from './actions/action-definition.ts';
import { writesOfAction } from './actions/registry.ts';
import { groupParts, type RuleCondition, type RuleConditionLeaf } from './conditions.ts';
import { resolveRuleField } from './resolve-field.ts';
import type { StoredRule } from './rule-schema.ts';
import { equalsTest } from './value-tests.ts';

type Watch = {
  key: string;
  operator: 'changed' | 'changed_from' | 'changed_to';
  value?: string | number | boolean;
};

export type RuleCycleLink = { fromRuleId: string; toRuleId: string; field: string };
export type RuleCycle = { ruleIds: string[]; links: RuleCycleLink[] };

function leavesOf(condition: RuleCondition): RuleConditionLeaf[] {
  const group = groupParts(condition);
  return group ? group.children.flatMap(leavesOf) : [condition as RuleConditionLeaf];
}

function watchesOf(rule: StoredRule): Watch[] {
  if (rule.kind !== 'update' || !rule.enabled) return [];
  if (rule.events !== null && !rule.events.includes('ticket.updated')) return [];
  return leavesOf(rule.conditions).flatMap((leaf): Watch[] => {
    if (leaf.field === 'event.changedFields') {
      if (!['contains', 'contains_any', 'contains_all'].includes(leaf.operator)) return [];
      const keys = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
      return keys.map((key) => ({ key: String(key), operator: 'changed' }));
    }
    const key = resolveRuleField(leaf.field)?.changeKey;
    if (
      !key ||
      !(leaf.operator === 'changed' || leaf.operator === 'changed_from' || leaf.operator === 'changed_to')
    )
      return [];
    return [
      { key, operator: leaf.operator, ...(leaf.value === undefined ? {} : { value: leaf.value as string }) },
    ];
  });
}

function canTrigger(write: RuleWrite, watch: Watch): boolean {
  // event.changedFields values are stored lower-cased, so keys compare case-insensitively.
  const [written, watched] = [write.key.toLowerCase(), watch.key.toLowerCase()];
  const keyMatches =
    written === watched || (watched === 'customfields' && written.startsWith('customfields.'));
  if (!keyMatches) return false;
  if (watch.operator === 'changed' || watch.value === undefined) return true;
  const equals = equalsTest(watch.value, false);
  const isAddition = watch.operator === 'changed_to';
  if (write.added || write.removed) return ((isAddition ? write.added : write.removed) ?? []).some(equals);
  if (write.to === undefined) return true;
  // Setting a value to v can be a change to v, or a change from anything but v.
  return isAddition ? equals(write.to) : !equals(write.to);
}

function linksOf(rules: readonly StoredRule[]): RuleCycleLink[] {
  const writers = rules
    .filter((rule) => rule.enabled)
    .map((rule) => ({ rule, writes: rule.actions.flatMap(writesOfAction) }));
  const watchers = rules
    .map((rule) => ({ rule, watches: watchesOf(rule) }))
    .filter((entry) => entry.watches.length > 0);
  const links: RuleCycleLink[] = [];
  for (const { rule: from, writes } of writers) {
    for (const { rule: to, watches } of watchers) {
      if (from.id === to.id) continue;
      const write = writes.find((candidate) => watches.some((watch) => canTrigger(candidate, watch)));
      if (write) links.push({ fromRuleId: from.id, toRuleId: to.id, field: write.key });
    }
  }
  return links;
}

/** Strongly connected components of the link graph (Tarjan), in discovery order. */
function components(ids: readonly string[], links: readonly RuleCycleLink[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    for (const link of links.filter((candidate) => candidate.fromRuleId === id)) {
      if (!index.has(link.toRuleId)) visit(link.toRuleId);
      if (stack.includes(link.toRuleId)) low.set(id, Math.min(low.get(id)!, low.get(link.toRuleId)!));
    }
    if (low.get(id) !== index.get(id)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      component.push(member);
      if (member === id) break;
    }
    found.push(component);
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return found;
}

/** Groups of enabled rules whose changes can re-trigger each other, with the links between them. */
export function findRuleCycles(rules: readonly StoredRule[]): RuleCycle[] {
  const links = linksOf(rules);
  const order = rules.map((rule) => rule.id);
  return components(order, links)
    .filter((component) => component.length > 1)
    .map((component) => {
      const members = new Set(component);
      return {
        ruleIds: order.filter((id) => members.has(id)),
        links: links.filter((link) => members.has(link.fromRuleId) && members.has(link.toRuleId)),
      };
    });
}
