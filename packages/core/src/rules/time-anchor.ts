/**
 * A time rule says when it becomes due through exactly one threshold on a `hoursSince…`
 * field (`ticket.businessHoursSinceStatusChanged greater_than 48`), placed directly in the
 * top-level `all` group so that it holds whenever the rule matches. The server turns it
 * into a due instant (anchor timestamp + hours, in business time when `business`), indexes
 * tickets by it and evaluates the rule only once that instant has passed.
 */
import type { FieldError } from '../errors.ts';
import { groupParts, type RuleCondition, type RuleConditionLeaf } from './conditions.ts';
import { pointerTo } from './pointer.ts';
import { resolveRuleField } from './resolve-field.ts';
import type { TimeAnchorName } from './rule-facts.ts';
import type { Rule } from './rule-schema.ts';

export type TimeAnchor = {
  field: string;
  /** The ticket timestamp counted from (created, statusChanged, lastAgentMessage…). */
  since: TimeAnchorName;
  hours: number;
  /** true for greater_than_or_equal: due at exactly anchor + hours; false: only after it. */
  isInclusive: boolean;
  /** Count business hours of the ticket's calendar rather than elapsed hours. */
  isBusinessTime: boolean;
};

type Candidate = { leaf: RuleConditionLeaf; pointer: string; isTopLevel: boolean };

function isThreshold(leaf: RuleConditionLeaf): boolean {
  const spec = resolveRuleField(leaf.field);
  return (
    spec?.anchor !== undefined &&
    (leaf.operator === 'greater_than' || leaf.operator === 'greater_than_or_equal')
  );
}

function collect(condition: RuleCondition, pointer: string, isTopLevel: boolean, found: Candidate[]): void {
  const group = groupParts(condition);
  if (!group) {
    if (isThreshold(condition as RuleConditionLeaf))
      found.push({ leaf: condition as RuleConditionLeaf, pointer, isTopLevel });
    return;
  }
  group.children.forEach((child, index) => {
    const childIsTopLevel = isTopLevel && group.join === 'all' && groupParts(child) === null;
    collect(child, pointerTo(pointer, group.join, index), childIsTopLevel, found);
  });
}

function candidatesOf(conditions: RuleCondition): Candidate[] {
  const found: Candidate[] = [];
  collect(conditions, '/conditions', true, found);
  return found;
}

/** Errors unless the (already validated) conditions of a time rule hold exactly one well-placed threshold. */
export function checkTimeAnchor(conditions: RuleCondition): FieldError[] {
  const candidates = candidatesOf(conditions);
  const misplaced = candidates.filter((candidate) => !candidate.isTopLevel);
  if (misplaced.length > 0) {
    return misplaced.map(({ pointer }) => ({
      pointer,
      message: "A time rule's hours threshold must sit directly in the top-level 'all' group.",
    }));
  }
  if (candidates.length === 0) {
    return [
      {
        pointer: '/conditions',
        message:
          "A time rule needs one condition such as ticket.hoursSinceCreated greater_than 24 in its top-level 'all' group.",
      },
    ];
  }
  return candidates.slice(1).map(({ pointer }) => ({
    pointer,
    message: 'A time rule has exactly one hours threshold (greater_than on a hoursSince… field).',
  }));
}

/** The anchor of a valid time rule; null for other kinds. Hours are elapsed or business hours. */
export function timeAnchorOf(rule: Pick<Rule, 'kind' | 'conditions'>): TimeAnchor | null {
  if (rule.kind !== 'time') return null;
  const [first] = candidatesOf(rule.conditions);
  const spec = first ? resolveRuleField(first.leaf.field) : null;
  if (!first || !spec?.anchor) return null;
  return {
    field: first.leaf.field,
    since: spec.anchor.since,
    hours: first.leaf.value as number,
    isInclusive: first.leaf.operator === 'greater_than_or_equal',
    isBusinessTime: spec.anchor.business,
  };
}
