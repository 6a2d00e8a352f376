import type { CliCommand } from '../command.js';

export const reportsCommands: Record<string, CliCommand> = {};
