/**
 * The rules engine: pure, deterministic, no IO, no clock (`facts.nowMs` is the only time).
 *
 * Lifecycle, and who does what:
 *
 * 1. SAVE. `validateRule(body, { customFields, knownIds })` → `{ ok, rule }` or every
 *    problem as `{ pointer, message }` (RFC 6901, e.g. `/conditions/all/2/operator`); throw
 *    `validationError(errors)`. Then `findRuleCycles([...otherStoredRules, candidate])`: a
 *    non-empty result means enabled rules whose changes re-trigger each other (refuse or
 *    warn). For `time` rules, `timeAnchorOf(rule)` gives `{ since, hours, isBusinessTime,
 *    isInclusive }`: store it; the sweep indexes tickets by due instant = the ticket's
 *    `since` timestamp + hours (business hours through the ticket's calendar). Texts of
 *    macros and canned responses are checked with `validateTemplate`.
 * 2. FACTS. For each event the server builds a `RuleFacts` snapshot: the ticket
 *    (`ticketFactsOf(dto, statusChangedAt)`, instants as epoch ms), the event with its
 *    `changes` exactly as written in ticket.updated events, the message (for message.added
 *    and ticket.created), the performer (type 'rule' and the rule id for rule-made
 *    changes), requester, organisation, assignee name, business-hours state (`isWithin`
 *    and business `hoursSince` per anchor, from the ticket's calendar at `nowMs`) and
 *    `nowMs`. Time sweeps use event type 'ticket.time_elapsed'.
 * 3. RUN. `compileRuleSet(ruleSet)` once per rule-set version (cache it), then
 *    `runRuleSet(compiled, facts)` or, inside a cascade, `runCascadeStep(...)`. Kinds pick
 *    their events: creation ↔ ticket.created, time ↔ ticket.time_elapsed, update ↔ the rest
 *    (optionally filtered by `rule.events`). Log every `RuleRun` (matched, not_matched,
 *    skipped with reason, failed with error) with its duration. Apply `fired[i].effects` in
 *    order in one command per rule, as actor `{ type: 'rule', id: ruleId }`; a failing
 *    effect (webhook down) is logged against the rule and never rolls back the change that
 *    triggered it. Effects are data: `send_reply`/`add_note` carry rendered text or a
 *    `cannedResponseId` (render it with `renderTemplate(text, templateContextOf(facts),
 *    { locale: effect.locale })`); `notify` names a symbolic recipient resolved when
 *    applied; `assign_by_strategy` is resolved by the assignment strategies.
 * 4. CASCADE. Changes applied from effects are new ticket.updated events performed by the
 *    rule. Treat all events one command writes as one origin: `startCascade()` for it, depth
 *    0; each rule-made event has depth = cause + 1. Thread the returned `cascade` through
 *    every step of that origin: a rule fires at most once per origin, nothing runs past
 *    `maxCascadeDepth` (`halted`: log it), and rules skip their own changes by default.
 * 5. TIME RULES fire once per condition window: remember (rule, ticket, anchor instant)
 *    when a time rule fires; a new window starts when the anchor timestamp moves. With
 *    `isInclusive` false the rule holds only strictly after the due instant.
 * 6. PREVIEW. `evaluateRule(rule, factsOfPastTicket, { trace: true })` (or
 *    `simulateCascade`) changes nothing and explains each condition it evaluated.
 *
 * Semantics worth knowing: text compares ignore case, width and repeated spaces; blank
 * values (null, '', []) fail positive operators and pass negative ones (is_not, not_in,
 * not_contains, contains_none); changed_to/changed_from on tags mean added/removed; in
 * all_matches mode each fired rule's effects update the ticket snapshot later rules see,
 * while the triggering event stays the same; matches_regex runs on a linear-time matcher
 * over the first 10,000 characters, so no pattern can stall a request.
 *
 * Wire: `ruleInputSchema` (JSON Schema via `z.toJSONSchema(s, { io: 'input' })`) documents
 * the body, but send it through validateRule for the registry's checks and exact pointers;
 * `describeRuleFields` and `templatePlaceholderNames` feed the rule and text editors.
 */

export type { RuleWrite } from './actions/action-definition.ts';
export { assignmentStrategies } from './actions/assign-by-strategy.ts';
export { maxChildTickets } from './actions/create-child-tickets.ts';
export type { NotifyRecipient } from './actions/notify.ts';
export {
  applyEffect,
  planAction,
  type RuleAction,
  type RuleActionType,
  type RuleEffect,
  ruleActionSchema,
  ruleActionTypes,
  validateAction,
} from './actions/registry.ts';
export {
  type CascadeState,
  type CascadeStep,
  diffTicketFacts,
  maxCascadeDepth,
  runCascadeStep,
  type SimulatedStep,
  simulateCascade,
  startCascade,
} from './cascade.ts';
export type { CompiledCondition, ConditionTrace } from './compile-condition.ts';
export {
  maxConditionDepth,
  maxConditionLeaves,
  type RuleCondition,
  type RuleConditionGroup,
  type RuleConditionLeaf,
  type RuleConditionValue,
  ruleConditionSchema,
} from './conditions.ts';
export { describeRuleFields, type RuleFieldDescription } from './describe-fields.ts';
export { type CompiledRule, compileRule, evaluateRule, type RuleEvaluation } from './evaluate-rule.ts';
export { type RuleOperator, type RuleValueType, ruleOperators, ruleValueTypes } from './operators.ts';
export { maxRegexInputLength, maxRegexLength } from './regex-safety.ts';
export { findRuleCycles, type RuleCycle, type RuleCycleLink } from './rule-cycles.ts';
export type {
  AttributeValue,
  FieldChange,
  PerformerType,
  RuleEventType,
  RuleFacts,
  RuleKind,
  TicketFacts,
  TimeAnchorName,
} from './rule-facts.ts';
export { performerTypes, ruleEventTypes, ruleKinds, timeAnchorNames } from './rule-facts.ts';
export {
  type Rule,
  type RuleInput,
  type RuleSet,
  type RuleSetMode,
  ruleInputSchema,
  ruleSetModes,
  type StoredRule,
} from './rule-schema.ts';
export {
  type CompiledRuleSet,
  compileRuleSet,
  isRuleTriggeredBy,
  type RuleRun,
  type RuleSetRun,
  runRuleSet,
} from './run-rule-set.ts';
export {
  type LocalizedText,
  localizedTextSchema,
  renderTemplate,
  requesterLocaleOf,
  selectLocalizedText,
  type TemplateContext,
  templateContextOf,
  templatePlaceholderNames,
  validateTemplate,
} from './templates.ts';
export { ticketFactsOf } from './ticket-facts.ts';
export { type TimeAnchor, timeAnchorOf } from './time-anchor.ts';
export type { KnownIds } from './validate-conditions.ts';
export { type RuleValidation, type RuleValidationContext, validateRule } from './validate-rule.ts';
