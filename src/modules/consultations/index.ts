import type { Command } from 'commander';

/**
 * Adds `polity consultations ...`: the survey tools that work on files (weighting to population
 * margins, LimeSurvey structure import). Each subcommand loads its code only when it runs, so
 * `polity --help` stays instant.
 */
export function registerConsultationsCommands(program: Command): Command {
  const consultations = program.command('consultations').description('consultations and surveys: weighting, LimeSurvey import');
  return consultations;
}
