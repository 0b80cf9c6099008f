/**
 * Everything the design lab needs at run time, gathered so the island can load it with one dynamic
 * import when the reader reaches the lab: the plan and scorecard import the protocol registry
 * (every XState machine), which pages should not download before the lab is opened. Re-exports only.
 */
export { labPlan, type LabRun } from '../../design/lab.ts';
export { scorecard, type Evidence, type RunOutcome, type ScoreRow, type SimulationEvidence } from '../../design/scorecard.ts';
export { startLab } from './lab-client.ts';
