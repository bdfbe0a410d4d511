import type { Command } from 'commander';
import { registerConversationsCommands } from '../modules/conversations/index.js';

/** Adds each module's commands (`polity library ...`, later `polity budgeting ...`). */
export function registerModuleCommands(program: Command): void {
  registerConversationsCommands(program);
}
