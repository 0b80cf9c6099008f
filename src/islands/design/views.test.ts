// Smoke tests for the views: each step renders the exercise's words and the reader's work on the
// server (no browser needed), so a view that throws or drops a field fails here, not on the page.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { emptyWork, type DesignWork } from '../../design/work.ts';
import { ClarifyStep } from './ClarifyStep.tsx';
import DesignExerciseIsland from './DesignExerciseIsland.tsx';
import { EstimateStep } from './EstimateStep.tsx';
import { fixtureExercise } from './fixture.ts';
import { idleLab } from './lab-state.ts';
import { LabStep } from './LabStep.tsx';
import { MechanismsStep } from './MechanismsStep.tsx';
import { ScalingStep } from './ScalingStep.tsx';
import { WrapUpStep } from './WrapUpStep.tsx';

const work: DesignWork = {
  ...emptyWork('2026-11-03T10:00:00.000Z'),
  asked: ['scale', 'ui-colour'],
  figures: { 'update-rate': '200000', 'downtime-year': '99', 'downtime-month': 'lots' },
  mechanisms: { agreement: 'orchestrated-saga' },
  ranking: ['projection-lag'],
  rubric: ['clarify-item'],
};
const props = { exercise: fixtureExercise, work, act: () => {}, flush: () => {} };
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");

describe('step views', () => {
  it('renders the island on the server on its first step', () => {
    const html = text(renderToString(createElement(DesignExerciseIsland, { exercise: fixtureExercise })));
    expect(html).toContain('Step 1 of 7:');
    expect(html).toContain('0 of 3 essential questions asked.');
    expect(html).toContain('Interview mode (45 minutes)');
  });

  it('step 1 shows asked answers, whether they were essential, and the count', () => {
    const html = text(renderToString(createElement(ClarifyStep, props)));
    expect(html).toContain('1 of 3 essential questions asked.');
    expect(html).toContain('Essential question.');
    expect(html).toContain('Not essential.');
    expect(html).toContain('Requirement NFR5');
  });

  it('step 2 judges typed figures in words', () => {
    const html = text(renderToString(createElement(EstimateStep, props)));
    expect(html).toContain('Right: 200,000 updates/s.');
    expect(html).toContain('Too high: 99 hours.');
    expect(html).toContain('Not a number yet');
    expect(html).toContain('1 of 6 figures right.');
  });

  it('step 4 says how many interactions still need a choice', () => {
    expect(text(renderToString(createElement(MechanismsStep, { ...props, stale: false })))).toContain('4 of 5 interactions still need a choice.');
  });

  it('step 5 names what is missing and keeps the run button off', () => {
    const html = renderToString(createElement(LabStep, { ...props, lab: idleLab, rows: null, stale: false, onRun: () => {}, onCancel: () => {} }));
    expect(text(html)).toContain('Choose them in step 4');
    expect(html.match(/<button[^>]*data-testid="design-run"[^>]*>/)?.[0]).toContain('aria-disabled="true"');
    expect(text(html)).toContain('Choose an option for every interaction in step 4 first.');
  });

  it('step 6 lists the ranking with the reader’s first and the ends disabled', () => {
    const html = renderToString(createElement(ScalingStep, props));
    expect(text(html).indexOf('Bottleneck projection-lag')).toBeLessThan(text(html).lastIndexOf('Bottleneck broker-throughput'));
    expect(html.match(/aria-disabled="true"/g)).toHaveLength(2);
    expect(text(html)).toContain('Already first.');
    expect(text(html)).toContain('Already last.');
  });

  it('step 7 groups the rubric and counts ticks', () => {
    const html = text(renderToString(createElement(WrapUpStep, { ...props, rows: null })));
    expect(html).toContain('1 of 4 points ticked.');
    expect(html).toContain('Download write-up (Markdown)');
  });
});
