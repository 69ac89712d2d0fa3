/**
 * Placeholders in canned responses, macro and rule texts: `{{ticket.number}}`,
 * `{{requester.firstName}}`, `{{ticket.customFields.order_number}}`… A text may come in
 * language variants (`{ ko: '…', en: '…' }`), chosen by the reader's locale with fallback.
 * Unknown placeholders are refused when the text is saved (validateTemplate); rendering
 * then only has to fill values, escaping them for HTML targets because names and subjects
 * are customer-controlled.
 */
import { z } from 'zod';
import type { FieldError } from '../errors.ts';
import type { CustomFieldDefinition, CustomFieldValue } from '../tickets/custom-fields.ts';
import { pointerTo } from './pointer.ts';
import type { AttributeValue, RuleFacts } from './rule-facts.ts';

/** One text, or variants by language tag; rendering picks one by locale. */
export type LocalizedText = string | Readonly<Record<string, string>>;

export const localizedTextSchema = (maxLength: number) =>
  z.union([
    z.string().max(maxLength),
    z
      .record(
        z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as ko or en'),
        z.string().max(maxLength),
      )
      .refine((variants) => Object.keys(variants).length > 0, 'give at least one language variant'),
  ]);

export type TemplateContext = {
  ticket?: {
    id?: string;
    number?: number;
    subject?: string;
    status?: string;
    priority?: string;
    customFields?: Readonly<Record<string, CustomFieldValue>>;
  };
  requester?: {
    name?: string | null;
    email?: string | null;
    attributes?: Readonly<Record<string, AttributeValue>>;
  };
  organization?: { name?: string | null };
  agent?: { name?: string | null };
};

const fixedPlaceholders = [
  'ticket.id',
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'ticket.priority',
  'requester.name',
  'requester.firstName',
  'requester.email',
  'organization.name',
  'agent.name',
  'agent.firstName',
] as const;
const customFieldPrefix = 'ticket.customFields.';
const attributePrefix = 'requester.attributes.';
const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;
const namePattern = /^[A-Za-z]+(\.[A-Za-z0-9_]+)+$/;
const hangulPattern = /\p{Script=Hangul}/u;

/** Placeholder names a text may use in this workspace, for editors' pick lists. */
export function templatePlaceholderNames(customFields: readonly CustomFieldDefinition[]): string[] {
  return [...fixedPlaceholders, ...customFields.map((field) => `${customFieldPrefix}${field.key}`)];
}

/** The variant for `locale`: exact tag, then its primary language, then English, then the first given. */
export function selectLocalizedText(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  const tags = Object.keys(text);
  const wanted = locale.toLowerCase();
  const primary = wanted.split('-')[0];
  const tag =
    tags.find((candidate) => candidate.toLowerCase() === wanted) ??
    tags.find((candidate) => candidate.toLowerCase() === primary) ??
    tags.find((candidate) => candidate.toLowerCase().split('-')[0] === primary) ??
    tags.find((candidate) => candidate.toLowerCase() === 'en') ??
    tags[0];
  return tag === undefined ? '' : (text[tag] ?? '');
}

function problemWith(name: string, customKeys: ReadonlySet<string>): string | null {
  if (!namePattern.test(name)) return `'{{${name}}}' is not a placeholder name.`;
  if ((fixedPlaceholders as readonly string[]).includes(name) || name.startsWith(attributePrefix))
    return null;
  if (name.startsWith(customFieldPrefix)) {
    const key = name.slice(customFieldPrefix.length);
    return customKeys.has(key) ? null : `Unknown custom field '${key}' in '{{${name}}}'.`;
  }
  return `Unknown placeholder '{{${name}}}'.`;
}

function validateOne(template: string, pointer: string, customKeys: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  for (const match of template.matchAll(placeholderPattern)) {
    const problem = problemWith(match[1] ?? '', customKeys);
    if (problem) errors.push({ pointer, message: problem });
  }
  if (template.replace(placeholderPattern, '').includes('{{')) {
    errors.push({ pointer, message: "A '{{' has no matching '}}'." });
  }
  return errors;
}

/** Problems with a text's placeholders; pointers are `pointer` itself, or `pointer/<language>` for variants. */
export function validateTemplate(
  template: LocalizedText,
  context: { customFields: readonly CustomFieldDefinition[]; pointer?: string },
): FieldError[] {
  const pointer = context.pointer ?? '';
  const customKeys = new Set(context.customFields.map((field) => field.key));
  if (typeof template === 'string') return validateOne(template, pointer, customKeys);
  return Object.entries(template).flatMap(([tag, text]) =>
    validateOne(text, pointerTo(pointer, tag), customKeys),
  );
}

/** Korean names are written family name first and addressed whole ('김민수 님'); others by the first word. */
function firstNameOf(name: string | null | undefined): string | null {
  if (!name) return null;
  return hangulPattern.test(name) ? name : (name.trim().split(/\s+/)[0] ?? null);
}

function ownValue(record: Readonly<Record<string, unknown>> | undefined, key: string): unknown {
  return record && Object.hasOwn(record, key) ? record[key] : null;
}

function placeholderValue(name: string, context: TemplateContext): unknown {
  if (name.startsWith(customFieldPrefix))
    return ownValue(context.ticket?.customFields, name.slice(customFieldPrefix.length));
  if (name.startsWith(attributePrefix))
    return ownValue(context.requester?.attributes, name.slice(attributePrefix.length));
  if (name === 'requester.firstName') return firstNameOf(context.requester?.name);
  if (name === 'agent.firstName') return firstNameOf(context.agent?.name);
  if (!(fixedPlaceholders as readonly string[]).includes(name)) return null;
  const [scope, key] = name.split('.') as [keyof TemplateContext, string];
  return ownValue(context[scope] as Readonly<Record<string, unknown>> | undefined, key);
}

const htmlEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Fills placeholders in the variant chosen for `locale`. Missing values (and names that
 * were never valid) render as ''. With format 'html' values are escaped; the template's own
 * markup is left alone (it was written, and sanitised, by an admin).
 */
export function renderTemplate(
  template: LocalizedText,
  context: TemplateContext,
  options: { locale: string; format?: 'text' | 'html' },
): string {
  const text = selectLocalizedText(template, options.locale);
  return text.replace(placeholderPattern, (_whole, name: string) => {
    const value = placeholderValue(name, context);
    const rendered = value === null || value === undefined ? '' : String(value);
    return options.format === 'html'
      ? rendered.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char)
      : rendered;
  });
}

/** The template context a rule's texts see, taken from the facts. */
export function templateContextOf(facts: RuleFacts): TemplateContext {
  const { ticket, requester, organization, assignee } = facts;
  return {
    ticket: {
      id: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      status: ticket.status,
      priority: ticket.priority,
      customFields: ticket.customFields,
    },
    requester: requester
      ? { name: requester.name, email: requester.email, attributes: requester.attributes }
      : {},
    organization: organization ? { name: organization.name } : {},
    agent: assignee ? { name: assignee.name } : {},
  };
}

/** The language to write to the requester in: theirs, else the ticket's, else the workspace's. */
export function requesterLocaleOf(facts: RuleFacts): string {
  return facts.requester?.language ?? facts.ticket.language ?? facts.workspaceLocale;
}
