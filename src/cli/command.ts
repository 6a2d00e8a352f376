// A CLI command: gets its arguments, prints to stdout, throws CliError for a
// one-line failure (exit 1).
export interface CliContext {
  /** API base URL (CE_OUTCOMES_URL, default http://localhost:3000). */
  apiUrl: string;
  /** Bearer token (CE_OUTCOMES_TOKEN, default the dev staff token). */
  token: string;
  out: (line: string) => void;
}

export interface CliCommand {
  usage: string;
  summary: string;
  run(args: string[], ctx: CliContext): Promise<void>;
}

export class CliError extends Error {}
