/**
 * LEHI with one part swapped (src/solvers/diagonal-scaling.ts, DiagonalScalingParts;
 * src/methods/diagonal-scaling.ts, lehiMethodWith): the registered loop with a broken imitation draw,
 * batch scale or Adam denominator, recording the same options.
 */
import { lehiMethodWith } from '../../src/methods/diagonal-scaling.js';
import { outputGradients } from '../../src/problems/curvature.js';
import { OUTPUT_LOSS } from '../../src/problems/output-loss.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../../src/scenarios/scenario.js';
import type { AdamDenominator, DiagonalScalingParts } from '../../src/solvers/diagonal-scaling.js';
import type { ImitationVectors } from '../../src/solvers/imitation-vector.js';

/** A LEHI scenario run with parts swapped; other methods' scenarios are skipped (the defect is in LEHI). */
export function runLehiWith(scenario: Scenario, parts: Partial<DiagonalScalingParts>): ScenarioOutcome {
  if (scenario.method?.id !== 'lehi') return { ok: false, skipped: 'the defect is in LEHI' };
  return runScenario(scenario, { method: lehiMethodWith(parts) });
}

/**
 * vᵢ = ∇_pℓ(pᵢ, yᵢ) with the training labels, recorded as if drawn (the empirical-Fisher bias of
 * imitation-vector.ts's trainingLabels, but with labels in the record, so that only the labels' law
 * tells it apart from an honest draw).
 */
export const trainingLabelsRecorded: ImitationVectors = (model, x, rows) => {
  const width = OUTPUT_LOSS[model.loss].labelWidth(model.outputs);
  const labels = new Float64Array(rows.length * width);
  rows.forEach((row, i) => labels.set(model.label(row).subarray(0, width), i * width));
  return { v: outputGradients(model, x, rows), labels, zeroMean: true };
};

/** ε inside the square root, √(ŝ + ε), in Adam's form (the Défossez form's placement in the wrong loop) */
export const epsilonInsideRoot: AdamDenominator = (sHat, epsilon) => Math.sqrt(sHat + epsilon);
