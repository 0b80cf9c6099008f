/**
 * The architecture diagram of step 3, as Mermaid source drawn from the reader's components and
 * mechanism choices, with a sentence-per-edge description for readers who cannot see it. Only the
 * components the reader placed are drawn; a mechanism whose component is missing is named in the
 * description instead of being drawn. Pure text; rendering is the island's job.
 */
import { COMPONENT_IDS, type ComponentId, type MechanismChoices } from './ids.ts';

type Edge = { from: ComponentId | 'buyer'; to: ComponentId; label: string; dashed?: boolean };

const nodeId = (id: ComponentId | 'buyer') => id.replace(/-/g, '_');
/** Mermaid label text: no quotes or brackets, which would end the label. */
const safe = (text: string) => text.replace(/["[\]{}()<>|#;]/g, ' ').replace(/\s+/g, ' ').trim();

/** The edges the choices call for, between components the reader placed. */
function edges(has: (c: ComponentId) => boolean, m: Partial<MechanismChoices>): Edge[] {
  const out: Edge[] = [];
  const add = (e: Edge) => {
    if ((e.from === 'buyer' || has(e.from)) && has(e.to)) out.push(e);
  };
  const entry: ComponentId = has('gateway') ? 'gateway' : 'order-service';
  add({ from: 'buyer', to: entry, label: 'place order, read status' });
  add({ from: 'gateway', to: 'order-service', label: 'POST /orders' });
  for (const [svc, db] of [['order-service', 'order-db'], ['payment-service', 'payment-db']] as const) {
    add({ from: svc, to: db, label: 'local transaction' });
    add({ from: svc, to: 'shared-db', label: 'reads and writes' });
  }
  if (m.agreement === '2pc') {
    add({ from: 'order-service', to: 'tx-coordinator', label: 'begin, commit' });
    add({ from: 'tx-coordinator', to: 'order-db', label: 'PREPARE, COMMIT' });
    add({ from: 'tx-coordinator', to: 'payment-db', label: 'PREPARE, COMMIT' });
    add({ from: 'order-service', to: 'payment-service', label: 'charge inside the transaction' });
  } else if (m.agreement === 'orchestrated-saga') {
    add({ from: 'order-service', to: 'orchestrator', label: 'start saga' });
    add({ from: 'orchestrator', to: has('broker') ? 'broker' : 'payment-service', label: 'commands, compensations' });
  } else if (m.agreement === 'choreographed-saga') {
    add({ from: 'payment-service', to: 'broker', label: 'payment events' });
  }
  const relay = m.publishing === 'outbox-log-tailing' ? 'outbox via commit log' : m.publishing === 'outbox-polling' ? 'outbox via polling relay' : null;
  if (relay) add({ from: has('order-db') ? 'order-db' : 'order-service', to: 'broker', label: relay, dashed: true });
  else if (m.publishing === 'dual-write') add({ from: 'order-service', to: 'broker', label: 'publish after commit' });
  const consumer = m.consuming === 'idempotent' ? 'events, inbox' : 'events';
  for (const c of ['payment-service', 'notification-service', 'read-model'] as const) add({ from: 'broker', to: c, label: consumer });
  if (m.statusReads === 'read-model' || m.statusReads === 'read-model-token') {
    add({ from: 'gateway', to: 'read-model', label: m.statusReads === 'read-model-token' ? 'GET status, minVersion' : 'GET status' });
  } else if (m.statusReads === 'order-db') {
    add({ from: 'order-service', to: 'payment-service', label: 'payment state, on every read' });
  }
  return out;
}

/** Mechanisms the choices need whose component is not in the architecture. */
export function missingComponents(components: ComponentId[], m: Partial<MechanismChoices>): { component: ComponentId; needed: string }[] {
  const needs: { component: ComponentId; needed: string; when: boolean }[] = [
    { component: 'tx-coordinator', needed: 'two-phase commit needs a transaction manager', when: m.agreement === '2pc' },
    { component: 'orchestrator', needed: 'an orchestrated saga needs an orchestrator', when: m.agreement === 'orchestrated-saga' },
    { component: 'broker', needed: 'publishing events needs a broker', when: m.publishing !== undefined || m.agreement === 'choreographed-saga' },
    { component: 'read-model', needed: 'status reads from a read model need one', when: m.statusReads === 'read-model' || m.statusReads === 'read-model-token' },
  ];
  return needs.filter((n) => n.when && !components.includes(n.component)).map(({ component, needed }) => ({ component, needed }));
}

export function architectureDiagram(
  components: ComponentId[],
  m: Partial<MechanismChoices>,
  labels: Partial<Record<ComponentId, string>>,
): { code: string; alt: string } {
  const placed = COMPONENT_IDS.filter((c) => components.includes(c));
  const has = (c: ComponentId) => placed.includes(c);
  const label = (c: ComponentId | 'buyer') => (c === 'buyer' ? 'Buyer' : safe(labels[c] ?? c));
  const list = edges(has, m);
  const shape = (c: ComponentId) => (c.endsWith('-db') || c === 'read-model' ? `[("${label(c)}")]` : c === 'broker' ? `[["${label(c)}"]]` : `["${label(c)}"]`);
  const lines = ['flowchart TD', `  ${nodeId('buyer')}(["Buyer"])`, ...placed.map((c) => `  ${nodeId(c)}${shape(c)}`)];
  for (const e of list) lines.push(`  ${nodeId(e.from)} ${e.dashed ? '-.->' : '-->'}|"${safe(e.label)}"| ${nodeId(e.to)}`);
  const described = list.map((e) => `${label(e.from)} to ${label(e.to)}: ${e.label}`);
  const missing = missingComponents(components, m).map((x) => x.needed);
  const alt = placed.length
    ? `Architecture with ${placed.map((c) => label(c)).join(', ')}. ${described.length ? `${described.join('; ')}.` : 'No connections yet.'}${missing.length ? ` Missing: ${missing.join('; ')}.` : ''}`
    : 'No components placed yet.';
  return { code: lines.join('\n'), alt };
}
