import type { Command } from 'commander';

/**
 * Adds `polity consultations import-lss FILE.lss [--json]` (issue 13, "Formats"): prints what was
 * understood of a LimeSurvey survey structure, and every part that is not imported as it is. A
 * malformed file exits with status 2 and a message naming the element and the reason. The
 * parser is loaded only when the command runs.
 */
export function registerImportLssCommand(consultations: Command): void {
  consultations
    .command('import-lss')
    .description('read a LimeSurvey survey structure (.lss): languages, groups, questions, conditions; names what does not map')
    .argument('<file>', 'a LimeSurvey .lss file')
    .option(
      '--json',
      'print JSON: {"languages", "groups", "questions": [{"code", "type", "subquestions", "answerOptions", "conditional", "mandatory"}], "warnings", ...}',
    )
    .action(async (file: string, opts: { json?: boolean }) => {
      const [{ AppError }, { readLssFile, summarizeLssSurvey, presentLssSurvey }] = await Promise.all([
        import('../../../kernel/errors.js'),
        import('./import-lss.js'),
      ]);
      try {
        const survey = readLssFile(file);
        process.stdout.write(opts.json ? JSON.stringify(summarizeLssSurvey(survey), null, 2) + '\n' : presentLssSurvey(survey));
      } catch (error) {
        if (error instanceof AppError) {
          process.stderr.write(`polity consultations import-lss: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
