/** The one place that reads the process environment. */
import { type Config, loadConfig } from './config.ts';

export function loadConfigFromEnvironment(): Config {
  return loadConfig(process.env);
}
