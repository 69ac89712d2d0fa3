/** Loads the demo workspace and tells the person at the terminal how to get in. */
import type { Deps } from '../platform/deps.ts';
import { randomToken } from '../platform/ids.ts';
import { buildDemoContent } from '../seed/demo-content.ts';
import { seedDemo } from '../seed/seed-demo.ts';

export async function loadDemoWorkspace(deps: Deps, print: (line: string) => void): Promise<void> {
  const password = deps.config.SWITCHBOARD_DEMO_PASSWORD ?? randomToken(9);
  const started = Date.now();
  print('Creating the demo workspace (agents, teams, customers and about 500 tickets)…');
  const now = deps.clock.now();
  const result = await seedDemo(deps, buildDemoContent({ seed: 20261123, now }), { password, now });
  print(
    `Demo workspace ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.tickets} tickets.`,
  );
  print('');
  print(`  Sign in:    ${deps.config.publicUrl}/  as ${result.ownerEmail}`);
  print(
    `  Password:   ${password}${deps.config.SWITCHBOARD_DEMO_PASSWORD ? '' : '   (random; set SWITCHBOARD_DEMO_PASSWORD to choose)'}`,
  );
  print('  Every demo agent shares this password.');
  print(`  API token:  ${result.apiToken}`);
  print(
    `  Try:        curl -H "Authorization: Bearer ${result.apiToken}" "${deps.config.publicUrl}/api/v1/tickets?q=환불"`,
  );
  print(`  API docs:   ${deps.config.publicUrl}/api/docs`);
  print('');
}
