/**
 * Step 2's calculator: each back-of-the-envelope figure as a formula over stated inputs, the
 * working written out, and a check of the figure the reader typed. Pure; the words around each
 * figure (question, hint, takeaway) are content (`estimates` in the exercise file).
 *
 * Sources for the arithmetic: Little's law L = λW (Little 1961); serial availability multiplies
 * (AWS Well-Architected, Reliability pillar); fan-out tails (Dean & Barroso, "The Tail at Scale",
 * CACM 2013).
 */
import type { EstimateId } from './ids.ts';

/** One stated input of a formula. */
export type EstimateInput = { label: string; value: number; unit: string };

export type Estimate = {
  id: EstimateId;
  /** The figures it starts from, each stated (assumptions say so in their label). */
  inputs: EstimateInput[];
  /** The unit of the answer, as typed after the number ("updates/s", "hours", "%"). */
  unit: string;
  /** The exact answer. */
  answer: number;
  /** How far from `answer` a typed figure may be and still count (same unit). */
  tolerance: number;
  /** The working, one line per step, ending with the answer. */
  working: string[];
};

const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

const concurrent = 10_000;
const holdSeconds = 0.05;
const updateRate = concurrent / holdSeconds;

const target = 0.999;
const yearHours = 365 * 24;
const downYear = (1 - target) * yearHours;
const downMonth = (1 - target) * 30 * 24 * 60;

const hopAvailability = 0.999;
const hops = 3;
const chain = hopAvailability ** hops * 100;

const fanout = 2;
const quantile = 0.99 ** (1 / fanout) * 100;

const eventsPerSecond = 10_000;
const perPartition = 1_000;
const headroom = 2;
const partitions = Math.ceil((eventsPerSecond / perPartition) * headroom);

/** Every figure of step 2, in the order of ESTIMATE_IDS. */
export const ESTIMATES: Estimate[] = [
  {
    id: 'update-rate',
    inputs: [
      { label: 'updates in flight at once (NFR1)', value: concurrent, unit: 'updates' },
      { label: 'time one update takes, end to end (assumed)', value: holdSeconds * 1000, unit: 'ms' },
    ],
    unit: 'updates/s',
    answer: updateRate,
    tolerance: updateRate * 0.02,
    working: [
      "Little's law: in flight = arrival rate × time in the system, so rate = in flight ÷ time.",
      `${fmt(concurrent)} ÷ ${holdSeconds} s = ${fmt(updateRate)} updates per second.`,
    ],
  },
  {
    id: 'downtime-year',
    inputs: [
      { label: 'availability target (NFR3)', value: target * 100, unit: '%' },
      { label: 'hours in a 365-day year', value: yearHours, unit: 'h' },
    ],
    unit: 'hours',
    answer: downYear,
    tolerance: 0.05,
    working: [`Allowed downtime = (1 − 0.999) × ${fmt(yearHours)} h`, `= ${fmt(downYear)} h, about 8 h 46 min a year.`],
  },
  {
    id: 'downtime-month',
    inputs: [
      { label: 'availability target (NFR3)', value: target * 100, unit: '%' },
      { label: 'minutes in a 30-day month', value: 30 * 24 * 60, unit: 'min' },
    ],
    unit: 'minutes',
    answer: downMonth,
    tolerance: 0.5,
    working: [`Allowed downtime = (1 − 0.999) × ${fmt(30 * 24 * 60)} min`, `= ${fmt(downMonth, 1)} minutes a month.`],
  },
  {
    id: 'chain-availability',
    inputs: [
      { label: 'synchronous dependencies on the request path', value: hops, unit: 'services' },
      { label: 'availability of each (assumed independent)', value: hopAvailability * 100, unit: '%' },
    ],
    unit: '%',
    answer: chain,
    tolerance: 0.01,
    working: [
      'A request that needs every dependency up succeeds only when all of them are: multiply.',
      `0.999 × 0.999 × 0.999 = ${fmt(chain / 100, 4)}, so ${fmt(chain)}%: about ${fmt((1 - chain / 100) * yearHours, 1)} hours down a year, three times the budget.`,
    ],
  },
  {
    id: 'fanout-quantile',
    inputs: [
      { label: 'calls the read waits for, in parallel', value: fanout, unit: 'calls' },
      { label: 'the read must meet its deadline (NFR2, p99)', value: 99, unit: '%' },
    ],
    unit: 'th percentile',
    answer: quantile,
    tolerance: 0.05,
    working: [
      'The read is fast only when every call is, so P(read fast) = P(call fast)^n (calls assumed independent).',
      `P(call fast) = 0.99^(1/${fanout}) = ${fmt(quantile / 100, 4)}: each call must meet 300 ms at its ${fmt(quantile, 1)}th percentile.`,
    ],
  },
  {
    id: 'broker-partitions',
    inputs: [
      { label: 'events per second at peak (NFR1 read as a rate, one event per update)', value: eventsPerSecond, unit: 'events/s' },
      { label: 'events one consumer handles per partition (assumed)', value: perPartition, unit: 'events/s' },
      { label: 'headroom for spikes and rebalancing (assumed)', value: headroom, unit: '×' },
    ],
    unit: 'partitions',
    answer: partitions,
    tolerance: 0,
    working: [
      'A partition is consumed by one consumer of a group at a time, so partitions ≥ peak rate ÷ one consumer’s rate.',
      `${fmt(eventsPerSecond)} ÷ ${fmt(perPartition)} = ${eventsPerSecond / perPartition}; × ${headroom} headroom = ${partitions} partitions.`,
    ],
  },
];

export const estimateById = (id: EstimateId): Estimate => ESTIMATES.find((e) => e.id === id)!;

/**
 * The number in what the reader typed: digits with optional thousands separators, a decimal
 * point, a trailing k or m, and a unit or % after it. Null when there is no number.
 */
export function parseFigure(text: string): number | null {
  const m = /^\s*([0-9][0-9,_ ]*(?:\.[0-9]+)?|\.[0-9]+)\s*([kKmM])?\b/.exec(text.replace(/\u00a0/g, ' '));
  if (!m) return null;
  const n = Number(m[1].replace(/[,_ ]/g, ''));
  if (!Number.isFinite(n)) return null;
  const scale = m[2] ? (m[2].toLowerCase() === 'k' ? 1e3 : 1e6) : 1;
  return n * scale;
}

export type FigureCheck = { state: 'empty' } | { state: 'unreadable' } | { state: 'right'; value: number } | { state: 'off'; value: number; direction: 'high' | 'low' };

/** Judge a typed figure against the estimate. */
export function checkFigure(estimate: Estimate, text: string | undefined): FigureCheck {
  if (!text || !text.trim()) return { state: 'empty' };
  const value = parseFigure(text);
  if (value === null) return { state: 'unreadable' };
  if (Math.abs(value - estimate.answer) <= estimate.tolerance + 1e-9) return { state: 'right', value };
  return { state: 'off', value, direction: value > estimate.answer ? 'high' : 'low' };
}
