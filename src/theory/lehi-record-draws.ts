/**
 * What the LEHI output theorems (lehi-output-condition.ts, lehi-imitation-unbiased.ts) read of every record
 * of a run: its h_k (and d_k) replayed bitwise from its recorded draw, its labels fed to the label draw
 * test, and the rule's draw enumerated at the first distinct rows of its batch (lehi-imitation-draws.ts).
 */
import type { SupervisedModel } from '../problems/supervised-model.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { ImitationRule } from '../solvers/imitation-vector.js';
import {
  diagonalScalingRecords,
  type DiagonalScalingRecord,
  DrawMismatch,
  drawTestApplies,
  type EnumeratedDraw,
  enumerateDraw,
  firstDistinctRows,
  LabelDrawEvidence,
  recordRows,
  replayMismatch,
  ROWS_PER_RECORD,
} from './lehi-imitation-draws.js';
import type { WorstRatio } from './verdict.js';

/** The draw at one row of a record's batch. */
export interface RowDraw {
  readonly record: DiagonalScalingRecord;
  readonly row: number;
  /** B: the rows of the record's batch */
  readonly batchSize: number;
  /** null: not a finite draw (the Gaussian draw of `sampled` on the squared loss) or too many sign patterns */
  readonly draw: EnumeratedDraw | null;
}

export interface RecordDrawsSeen {
  /** the label draw test over the records, null where it does not apply */
  readonly evidence: LabelDrawEvidence | null;
  /** rows whose draw `atRow` left unjudged */
  readonly unenumerated: number;
}

/**
 * Each record's replay seen by `w` (a mismatch: Infinity), then each of its rows' draws given to `atRow`,
 * which returns false where it leaves the row unjudged; a draw that is not the model's law is Infinity.
 */
export function seeRecordDraws(run: ScenarioRun, model: SupervisedModel, rule: ImitationRule, w: WorstRatio, atRow: (at: RowDraw) => boolean): RecordDrawsSeen {
  const evidence = drawTestApplies(model, rule) ? new LabelDrawEvidence() : null;
  let unenumerated = 0;
  for (const r of diagonalScalingRecords(run)) {
    const rows = recordRows(model, r);
    const mismatch = replayMismatch(model, r, rule, run.methodOptions.accumulator);
    w.see(mismatch === null ? 0 : Infinity, `k=${r.k}: ${mismatch ?? 'h_k replayed from its recorded draw'}`);
    evidence?.see(model, r);
    for (const row of firstDistinctRows(rows, ROWS_PER_RECORD)) {
      let draw: EnumeratedDraw | null;
      try {
        draw = enumerateDraw(model, r.x, row, rule);
      } catch (e) {
        if (!(e instanceof DrawMismatch)) throw e;
        w.see(Infinity, `k=${r.k}, row ${row}: ${e.message}`);
        continue;
      }
      if (!atRow({ record: r, row, batchSize: rows.length, draw })) unenumerated++;
    }
  }
  return { evidence, unenumerated };
}
