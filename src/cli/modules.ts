import type { Command } from 'commander';

/** Adds each module's commands (`polity library ...`, later `polity budgeting ...`). */
export function registerModuleCommands(program: Command): void {
  void program;
}
