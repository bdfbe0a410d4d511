import type { Command } from 'commander';
import { registerBudgetingCommands } from '../modules/budgeting/index.js';
import { registerConversationsCommands } from '../modules/conversations/index.js';
import { registerProcurementCommands } from '../modules/procurement/index.js';

/** Adds each module's commands: `polity conversations|procurement|budgeting ...`. */
export function registerModuleCommands(program: Command): void {
  registerConversationsCommands(program);
  registerProcurementCommands(program);
  registerBudgetingCommands(program);
}
