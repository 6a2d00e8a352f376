import type { CliCommand } from '../command.js';

export const certificatesCommands: Record<string, CliCommand> = {};
