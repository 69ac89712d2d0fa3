/**
 * Prints the evaluation tables used in docs/SIGNALS.md:
 *   node packages/core/src/signals/eval/report.ts            (figures only)
 *   node packages/core/src/signals/eval/report.ts --dev-errors   (also lists misclassified dev messages)
 * Held-out mistakes are never listed here: that part is only read through its figures, so
 * the lexicons are not tuned to it.
 */
import { detectLanguage } from '../language/detect-language.ts';
import { detectThanks } from '../thanks/detect-thanks.ts';
import { detectUrgency } from '../urgency/detect-urgency.ts';
import { languageExamples, type Split, thanksExamples, urgencyExamples } from './labelled-data.ts';
import { accuracy, type ClassMetrics, classMetrics } from './metrics.ts';

const showDevErrors = process.argv.includes('--dev-errors');
const parts: { name: string; keep: (split: Split) => boolean }[] = [
  { name: 'dev', keep: (split) => split === 'dev' },
  { name: 'probes 1+2', keep: (split) => split === 'probe1' || split === 'probe2' },
  { name: 'held-out', keep: (split) => split === 'heldout' },
  { name: 'probe 3', keep: (split) => split === 'probe3' },
  { name: 'unseen (held-out + probe 3)', keep: (split) => split === 'heldout' || split === 'probe3' },
  { name: 'all', keep: () => true },
];

function row(part: string, m: ClassMetrics): string {
  const pct = (n: number) => n.toFixed(3);
  return `| ${part} | ${m.label} | ${m.support} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} |`;
}

console.log(
  '\n### Thank-you detection\n\n| part | class | n | precision | recall | F1 |\n|---|---|---|---|---|---|',
);
for (const part of parts) {
  const rows = thanksExamples.filter((e) => part.keep(e.split));
  const predicted = rows.map((e) => detectThanks(e.text).kind);
  const gold = rows.map((e) => e.label);
  for (const label of ['thanks_only', 'thanks_with_issue', 'none'] as const) {
    console.log(row(part.name, classMetrics(label, gold, predicted)));
  }
  console.log(`| ${part.name} | accuracy | ${rows.length} | | | ${accuracy(gold, predicted).toFixed(3)} |`);
}

console.log(
  '\n### Urgency detection\n\n| part | class | n | precision | recall | F1 |\n|---|---|---|---|---|---|',
);
for (const part of parts) {
  const rows = urgencyExamples.filter((e) => part.keep(e.split));
  const predicted = rows.map((e) => detectUrgency(e.text).urgent);
  const gold = rows.map((e) => e.urgent);
  console.log(row(part.name, { ...classMetrics(true, gold, predicted), label: 'urgent' }));
  console.log(row(part.name, { ...classMetrics(false, gold, predicted), label: 'not urgent' }));
  const categoryHits = rows.filter(
    (e) => e.urgent && detectUrgency(e.text).reasons.some((reason) => reason === e.category),
  );
  const urgentCount = rows.filter((e) => e.urgent).length;
  console.log(
    `| ${part.name} | reason includes labelled category | ${urgentCount} | | ${(categoryHits.length / urgentCount).toFixed(3)} | |`,
  );
}

const languageGold = languageExamples.map((e) => e.language);
const languagePredicted = languageExamples.map((e) => detectLanguage(e.text).language);
console.log(
  `\n### Language detection\n\naccuracy ${accuracy(languageGold, languagePredicted).toFixed(3)} on ${languageExamples.length}`,
);

if (showDevErrors) {
  console.log('\n### Misclassified dev messages');
  const isDev = (split: Split) => split === 'dev' || split === 'probe1' || split === 'probe2';
  for (const e of thanksExamples.filter((x) => isDev(x.split))) {
    const got = detectThanks(e.text);
    if (got.kind !== e.label)
      console.log(
        `thanks ${e.id} want ${e.label} got ${got.kind} ${JSON.stringify(got.cues)} ${JSON.stringify(e.text)}`,
      );
  }
  for (const e of urgencyExamples.filter((x) => isDev(x.split))) {
    const got = detectUrgency(e.text);
    if (got.urgent !== e.urgent)
      console.log(
        `urgency ${e.id} want ${e.urgent} got ${got.score} ${JSON.stringify(got.cues)} ${JSON.stringify(e.text)}`,
      );
  }
  for (const e of languageExamples) {
    const got = detectLanguage(e.text);
    if (got.language !== e.language)
      console.log(`language ${e.id} want ${e.language} got ${JSON.stringify(got)} ${JSON.stringify(e.text)}`);
  }
}
