/**
 * Ticket templates for both benchmarks: every topic × language × subject × problem line,
 * 288 in all. The bulk loader stores each template's search terms once (computed here with
 * the server's own indexTerms) and the HTTP load generator sends the same texts.
 */
import { indexTerms, searchableText } from '@switchboard/core';
import { phrases, type TeamName, topics } from './corpus-topics.ts';

export type Language = 'ko' | 'en';

export type TicketTemplate = {
  index: number;
  topic: string;
  language: Language;
  team: TeamName;
  tags: string[];
  subject: string;
  bodyText: string;
  bodyHtml: string;
  /** What createTicket would index for this subject and first message. */
  searchTerms: string[];
};

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function toHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
}

function buildTemplates(): TicketTemplate[] {
  const templates: TicketTemplate[] = [];
  for (const topic of topics) {
    for (const language of ['ko', 'en'] as const) {
      const words = phrases[language];
      const { subjects, lines } = topic[language];
      subjects.forEach((subject, s) => {
        lines.forEach((line, l) => {
          const index = templates.length;
          const paragraphs = [
            words.greetings[(s + l) % words.greetings.length] ?? '',
            `${line} ${words.order(2024_000_000 + index * 7919)}`,
            words.closings[(s * 2 + l) % words.closings.length] ?? '',
          ];
          const bodyText = paragraphs.join('\n\n');
          templates.push({
            index,
            topic: topic.key,
            language,
            team: topic.team,
            tags: topic.tags,
            subject,
            bodyText,
            bodyHtml: toHtml(paragraphs),
            searchTerms: indexTerms(searchableText([subject, bodyText])),
          });
        });
      });
    }
  }
  return templates;
}

export const ticketTemplates: readonly TicketTemplate[] = buildTemplates();
