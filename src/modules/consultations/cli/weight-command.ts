import type { Command } from 'commander';
import { AppError } from '../../../kernel/errors.js';
import type { WeightFlags } from '../commands/weight-from-file.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** What `--help` adds after the options: the files' shapes, how each method stops, and what happens when it cannot. */
const HELP_AFTER = `
Margins file (JSON), as in the shared data's surveys/weighting/ folder:
  {"type": "margins", "margins": {"sex": {"F": 50, "M": 50}, "age": {...}}, "population_size": 100}
      counts by category; shares (adding up to 1 within 1e-6; "scale": "shares") are scaled to
      population_size, else to the sum of the design weights. Every margin must add up to the same total.
  {"type": "calibration_totals", "model_matrix_columns": [...], "totals": {"(Intercept)": 6194, "stypeH": 755, "api99": 3914069}}
      model-matrix columns coded with R treatment contrasts: (Intercept), <column><category>, <numeric column>.
  {"type": "cells", "variables": ["sex", "age"], "cells": [{"levels": ["F", "old"], "total": 30}, ...]}
      joint cells for --method poststratify on several variables.

How each method stops:
  poststratify  one step, no iteration: w = d * N_h / (sum of d in cell h).
  rake          iterative proportional fitting over the margins in the order given; stops after the
                first full cycle where every category total is within --epsilon (relative, default
                1e-12) of its target and no cell weight moved by more than --epsilon (relative).
                (R's rake() stops when the largest change of any cell between cycles is below
                epsilon * sum of design weights, default epsilon 1, maxit 10: far looser.)
                At most --maxit cycles (default 1000).
  calibrate     --calfun linear (default): solved directly, no iteration. --calfun raking:
                Newton-Raphson, stops when every |population - calibrated total| / (1 + |population|)
                is below --epsilon (default 1e-12; R's default 1e-7), at most --maxit iterations (default 100).
                With a "margins" file, calibrates to its categories (raking as calibration).
When a method cannot converge within --maxit, the command fails with an error naming the margin
(and category, or calibration column) furthest from its target and the gap, and prints no weights.

Standard errors are Taylor-linearisation SEs as R survey 4.1-1 computes them for the design
(--cluster, --strata, --fpc = population count of PSUs in the stratum) and the adjustment.
A column is categorical when any of its values is not a number: one estimate per category.
Empty cells are missing values, left out of the estimates (as R's na.rm = TRUE).
Bad input (file, column, margin, category) is reported on standard error with exit status 2.
`;

/**
 * Adds `polity consultations weight RESPONSES.csv --margins MARGINS.json --method ...` (issue 13):
 * declares the options and loads the implementation only when the command runs.
 */
export function registerWeightCommand(consultations: Command): void {
  consultations
    .command('weight')
    .description(
      'weight survey responses to population margins (post-stratification, raking, calibration) and estimate with standard errors, as R survey',
    )
    .argument('<responses>', 'responses CSV (header row; one row per respondent)')
    .option('--margins <file>', 'population margins or calibration totals (JSON)')
    .option('--method <method>', 'poststratify | rake | calibrate')
    .option('--calfun <calfun>', 'linear | raking (calibrate only; default linear)')
    .option('--id-column <column>', 'respondent id column (default id; row numbers when absent)')
    .option('--weight-column <column>', 'design weight column (default design_weight; 1 for every row when absent)')
    .option('--cluster <column>', 'primary sampling unit (cluster) column')
    .option('--strata <column>', 'stratum column')
    .option('--fpc <column>', 'finite population correction column: number of PSUs in the population of the stratum')
    .option('--estimate <spec>', 'mean:COLUMN or total:COLUMN (repeatable)', collect)
    .option('--epsilon <e>', 'convergence tolerance (rake, calibrate raking; default 1e-12)')
    .option('--maxit <n>', 'maximum iterations (rake: cycles, default 1000; calibrate raking: default 100)')
    .option('--trim-lower <w>', 'trim final weights below this bound (excess spread over untrimmed units)')
    .option('--trim-upper <w>', 'trim final weights above this bound (excess spread over untrimmed units)')
    .option('--json', 'print {"weights": {...}, "estimates": [...]}')
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, opts: WeightFlags & { json?: boolean }) => {
      const { weightFromFiles, presentWeightReport } = await import('../commands/weight-from-file.js');
      try {
        const report = weightFromFiles(file, opts);
        process.stdout.write(
          opts.json ? JSON.stringify({ weights: report.weights, estimates: report.estimates }, null, 2) + '\n' : presentWeightReport(report),
        );
      } catch (error) {
        if (error instanceof AppError) {
          process.stderr.write(`polity consultations weight: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
