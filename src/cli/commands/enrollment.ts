import type { CliCommand } from '../command.js';

export const enrollmentCommands: Record<string, CliCommand> = {};
