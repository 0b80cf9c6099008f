import { describe, expect, it } from 'vitest';
import { interviewState, startInterview } from '../../design/interview.ts';
import { interviewAnnouncement } from './interview-view.ts';

const T0 = Date.parse('2026-11-03T10:00:00.000Z');
const clock = startInterview(T0);
const at = (minutes: number) => interviewState(clock, T0 + minutes * 60_000);

describe('interviewAnnouncement', () => {
  it('says nothing on ordinary ticks or the first reading', () => {
    expect(interviewAnnouncement(null, at(0))).toBeNull();
    expect(interviewAnnouncement(at(1), at(1.02))).toBeNull();
  });

  it('announces each phase change, the last minute and the end, once each', () => {
    expect(interviewAnnouncement(at(9.99), at(10.01))).toBe('Next phase: Architecture and data flow, 20 minutes.');
    expect(interviewAnnouncement(at(43.9), at(44.1))).toBe('One minute left.');
    expect(interviewAnnouncement(at(44.9), at(45))).toMatch(/^Time is up/);
    expect(interviewAnnouncement(at(45), at(46))).toBeNull();
    // Opening the page on a clock that ran out while away still says so once.
    expect(interviewAnnouncement(null, at(50))).toMatch(/^Time is up/);
  });
});
