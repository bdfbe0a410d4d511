import type { Command } from 'commander';
import { registerBudgetingCommands } from '../modules/budgeting/index.js';
import { registerConsultationsCommands } from '../modules/consultations/index.js';
import { registerConversationsCommands } from '../modules/conversations/index.js';
import { registerProcurementCommands, registerRiskCommand } from '../modules/procurement/index.js';
import { registerServiceRequestsCommands } from '../modules/service-requests/index.js';
import { readEnv } from '../kernel/env.js';
import { buildDeps } from '../server/deps.js';
import { manifests } from '../server/modules.js';

/** Adds each module's commands: `polity conversations|procurement|budgeting ...`. */
export function registerModuleCommands(program: Command): void {
  registerConversationsCommands(program);
  registerConsultationsCommands(program);
  registerProcurementCommands(program, { openDeps: () => buildDeps(readEnv(), manifests) });
  const procurement = program.commands.find((c) => c.name() === 'procurement');
  if (procurement) registerRiskCommand(procurement);
  registerBudgetingCommands(program, { openDeps: () => buildDeps(readEnv(), manifests) });
  registerServiceRequestsCommands(program, async () => {
    const built = await buildDeps(readEnv(), manifests);
    return { deps: built.deps, close: () => built.close() };
  });
}
