import type { PcaModel } from '../../../math/pca.js';
import type { SparseMatrix } from '../../../math/sparse-matrix.js';

/** 2-D positions, one per row or statement. */
export interface Positions {
  x: Float64Array;
  y: Float64Array;
}

/**
 * Projects each participant onto the two components using only the votes they cast, scaled by
 * sqrt(statements / max(votes, 1)) to push sparse voters out from the centre
 * (compdemocracy/polis math/src/polismath/math/pca.clj, `sparsity-aware-project-ptpt`). Cells of
 * moderated-out columns are stored zeros in the rating matrix, so they count as votes here.
 */
export function projectParticipants(rating: SparseMatrix, pca: PcaModel): Positions {
  const [pc1, pc2] = pca.components;
  const x = new Float64Array(rating.rows);
  const y = new Float64Array(rating.rows);
  for (let i = 0; i < rating.rows; i++) {
    let p1 = 0;
    let p2 = 0;
    for (let k = rating.rowStart[i]; k < rating.rowStart[i + 1]; k++) {
      const j = rating.colIndex[k];
      const centred = rating.values[k] - pca.centre[j];
      p1 += centred * (pc1?.[j] ?? 0);
      p2 += centred * (pc2?.[j] ?? 0);
    }
    const scale = Math.sqrt(rating.cols / Math.max(rating.rowStart[i + 1] - rating.rowStart[i], 1));
    x[i] = p1 * scale;
    y[i] = p2 * scale;
  }
  return { x, y };
}

/**
 * A statement's position: the projection of a lone agree vote (-1) on it, and its extremity, the
 * length of that point (pca.clj `pca-project-cmnts`; conversation.clj `with-proj-and-extremtiy`).
 */
export function projectStatements(pca: PcaModel): Positions & { extremity: Float64Array } {
  const n = pca.centre.length;
  const [pc1, pc2] = pca.components;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const extremity = new Float64Array(n);
  const scale = Math.sqrt(n);
  for (let j = 0; j < n; j++) {
    const centred = -1 - pca.centre[j];
    x[j] = centred * (pc1?.[j] ?? 0) * scale;
    y[j] = centred * (pc2?.[j] ?? 0) * scale;
    extremity[j] = Math.hypot(x[j], y[j]);
  }
  return { x, y, extremity };
}
