/** Flag parsing shared by the CLI commands, with one clear message for a bad call. */
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseFlags<const K extends string>(
  args: string[],
  names: readonly K[],
): Partial<Record<K, string>> {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
    return values as Partial<Record<K, string>>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
