/** One step of a rule, for `--explain`: the project concerned and why. */
export interface Round {
  project: string;
  note: string;
}

/** What every rule returns: project indices in selection order, and the rounds that led there. */
export interface Outcome {
  selected: number[];
  rounds: Round[];
}
