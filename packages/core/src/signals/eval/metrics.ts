/** Precision, recall and F1 of one class, from parallel arrays of gold and predicted labels. */

export type ClassMetrics = {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
};

export function classMetrics<T>(label: T, gold: readonly T[], predicted: readonly T[]): ClassMetrics {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  gold.forEach((expected, index) => {
    const actual = predicted[index];
    if (actual === label && expected === label) truePositives++;
    else if (actual === label) falsePositives++;
    else if (expected === label) falseNegatives++;
  });
  // An empty denominator means nothing was claimed or expected: nothing was wrong.
  const precision =
    truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    label: String(label),
    support: truePositives + falseNegatives,
    precision,
    recall,
    f1,
    truePositives,
    falsePositives,
    falseNegatives,
  };
}

export function accuracy<T>(gold: readonly T[], predicted: readonly T[]): number {
  if (gold.length === 0) return 1;
  return gold.filter((expected, index) => predicted[index] === expected).length / gold.length;
}
