import { describe, expect, it } from 'vitest';
import { architectureDiagram, missingComponents } from './diagram.ts';
import type { ComponentId, MechanismChoices } from './ids.ts';

const ALL: ComponentId[] = ['gateway', 'order-service', 'order-db', 'payment-service', 'payment-db', 'broker', 'orchestrator', 'notification-service', 'read-model'];
const MODEL: MechanismChoices = { agreement: 'orchestrated-saga', publishing: 'outbox-polling', consuming: 'idempotent', statusReads: 'read-model-token', concurrency: 'version-check' };

describe('the architecture diagram', () => {
  it('draws only placed components, and describes every edge it draws', () => {
    const { code, alt } = architectureDiagram(ALL, MODEL, { broker: 'Kafka' });
    expect(code.split('\n')[0]).toBe('flowchart TD');
    expect(code).toContain('broker[["Kafka"]]');
    expect(code).toContain('order_db -.->|"outbox via polling relay"| broker');
    expect(code).not.toContain('tx_coordinator');
    const edges = code.split('\n').filter((l) => l.includes('-->') || l.includes('-.->')).length;
    expect(alt.split(';').length).toBe(edges);
  });
  it('changes with the mechanisms', () => {
    const dual = architectureDiagram(ALL, { ...MODEL, publishing: 'dual-write' }, {}).code;
    expect(dual).toContain('order_service -->|"publish after commit"| broker');
    expect(dual).not.toContain('outbox');
    const db = architectureDiagram(ALL, { ...MODEL, statusReads: 'order-db' }, {}).code;
    expect(db).toContain('payment state, on every read');
  });
  it('names what a mechanism needs and the architecture lacks', () => {
    expect(missingComponents(['gateway', 'order-service'], { ...MODEL, agreement: '2pc' }).map((m) => m.component)).toEqual(['tx-coordinator', 'broker', 'read-model']);
    expect(missingComponents(ALL, MODEL)).toEqual([]);
    expect(architectureDiagram([], MODEL, {}).alt).toBe('No components placed yet.');
  });
  it('keeps a reader-facing label from breaking the Mermaid source', () => {
    const { code } = architectureDiagram(['gateway'], {}, { gateway: 'Edge "proxy" [v2] | (beta)' });
    expect(code).toContain('gateway["Edge proxy v2 beta"]');
  });
});
