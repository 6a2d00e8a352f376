// npx ce-outcomes <command> …: operators' access to the same operations as the API.
import { CliError, type CliCommand, type CliContext } from './command.js';
import { enrollmentCommands } from './commands/enrollment.js';
import { submissionCommands } from './commands/submissions.js';
import { staffCommands } from './commands/staff.js';
import { certificatesCommands } from './commands/certificates.js';
import { reportsCommands } from './commands/reports.js';
import { reportingCommands } from './commands/reporting.js';
import { keysCommands } from './commands/keys.js';
import { workspaceCommands } from './commands/workspace.js';
import { maintenanceCommands } from './commands/maintenance.js';
import { providerCommands } from './commands/provider.js';

const commands: Record<string, CliCommand> = {
  ...enrollmentCommands,
  ...submissionCommands,
  ...staffCommands,
  ...certificatesCommands,
  ...reportsCommands,
  ...reportingCommands,
  ...keysCommands,
  ...workspaceCommands,
  ...maintenanceCommands,
  ...providerCommands,
};

function help(): string {
  const rows = Object.values(commands).map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`);
  return [
    'usage: ce-outcomes <command> [args]',
    '',
    ...rows,
    '',
    'env: CE_OUTCOMES_URL, CE_OUTCOMES_TOKEN',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(help());
    return name ? 0 : 1;
  }
  // Some commands are two words ("enrollments reset").
  const twoWords = args[0] ? commands[`${name} ${args[0]}`] : undefined;
  const command = twoWords ?? commands[name];
  if (twoWords) args.shift();
  if (!command) {
    console.error(`ce-outcomes: unknown command "${name}" (try: ce-outcomes help)`);
    return 2;
  }
  const ctx: CliContext = {
    apiUrl: process.env.CE_OUTCOMES_URL ?? 'http://localhost:3000',
    token: process.env.CE_OUTCOMES_TOKEN ?? 'dev-staff-token',
    out: (line) => console.log(line),
  };
  try {
    await command.run(args, ctx);
    return 0;
  } catch (err) {
    const message = err instanceof CliError ? err.message : `${(err as Error).message}`;
    console.error(`ce-outcomes ${name}: ${message.split('\n')[0]}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
