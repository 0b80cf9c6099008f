/**
 * The one place the player binds to the simulation kernel and the protocol registry. Everything
 * else in the player takes a `PlayerKernel` or imports from here.
 */
import {
  checkInvariants,
  choices,
  choiceToToken,
  createExplorer,
  decodeRun,
  describeChoice,
  encodeRun,
  goalsMet,
  historySteps,
  narrate,
  runCosts,
  runCostsFromStart,
  runToJSON,
  startWorld,
  stateDiagram,
  step,
  stepWithTrace,
  timelineCreate,
  timelinePush,
  timelineSeek,
  toSequenceDiagram,
  tokenToChoice,
  viewNodes,
} from '../../../sandboxes/kernel/index.ts';
import { protocols } from '../../../sandboxes/index.ts';
import type { PlayerKernel } from './model.ts';

export const kernel: PlayerKernel = {
  startWorld,
  choices,
  step,
  stepWithTrace,
  checkInvariants,
  viewNodes,
  describeChoice,
  narrate,
  timelineCreate,
  timelinePush,
  timelineSeek,
};

export { protocols, stateDiagram, encodeRun, decodeRun, runToJSON, toSequenceDiagram, tokenToChoice, choiceToToken, createExplorer, viewNodes, goalsMet, historySteps, runCosts, runCostsFromStart };
