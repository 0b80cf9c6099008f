/**
 * A run as a Mermaid `sequenceDiagram`: one arrow per delivered message, `-x` for messages dropped
 * or lost, notes for crashes, recoveries, timers, log writes and the network.
 *
 * The whole run is shown, scenario prefix included, because the reader's choices only make sense
 * after it. Pure text; no Mermaid import (rendering is the app's job).
 */
import { applyChoice, prefixOf, whyIllegal } from './step.ts';
import type { Run } from './api-types.ts';
import type { Choice, Json, Protocol, StepTrace, World } from './types.ts';

// Mermaid treats `;` and `#` specially in message text, and a newline would end the statement.
function text(s: string): string {
  return s.replace(/[;#\n\r]/g, ' ');
}

function record(r: Json): string {
  return r && typeof r === 'object' && !Array.isArray(r) && typeof r.type === 'string' ? r.type : JSON.stringify(r);
}

function lines(world: World, c: Choice, trace: StepTrace, all: string[]): string[] {
  const out: string[] = [];
  const m = 'id' in c ? world.inFlight.find((x) => x.id === c.id) : undefined;
  switch (c.kind) {
    case 'deliver':
      if (m) out.push(`${m.from}->>${m.to}: ${text(m.type)}`);
      break;
    case 'drop':
      if (m) out.push(`${m.from}-x${m.to}: ${text(m.type)} (dropped)`);
      break;
    case 'duplicate':
      if (m) out.push(`Note over ${m.from},${m.to}: network duplicated ${text(m.type)}`);
      break;
    case 'crash':
      out.push(`Note over ${c.node}: crashed`);
      break;
    case 'recover':
      out.push(`Note over ${c.node}: recovered`);
      break;
    case 'timer':
      out.push(`Note over ${c.node}: ${text(c.name)} fired`);
      break;
    case 'partition':
      out.push(`Note over ${all[0]},${all[all.length - 1]}: network cut, ${text(c.groups.map((g) => g.join(' ')).join(' | '))} isolated`);
      break;
    case 'heal':
      out.push(`Note over ${all[0]},${all[all.length - 1]}: network healed`);
      break;
    case 'request':
      out.push(`Note over ${all[0]}: client request ${text(c.name)}`);
      break;
  }
  for (const e of trace) {
    if (e.kind === 'store') out.push(`Note over ${e.node}: log ${text(record(e.record))}${e.lazy ? ' (lazy)' : ''}`);
    else if (e.kind === 'store.lost') out.push(`Note over ${e.node}: lost unflushed ${text(e.records.map(record).join(', '))}`);
    else if (e.kind === 'lost') out.push(`${e.message.from}-x${e.message.to}: ${text(e.message.type)} (lost, ${text(e.reason)})`);
  }
  return out;
}

/** Mermaid sequence diagram text for a run. Throws if the run does not replay (validate links first). */
export function toSequenceDiagram(protocol: Protocol, run: Run): string {
  const scenario = protocol.scenarios.find((s) => s.id === run.scenario);
  if (!scenario) throw new Error(`Unknown scenario ${run.scenario}`);
  let world = protocol.init(run.config, scenario.budget, scenario.data);
  const all = Object.keys(world.nodes);
  const out = ['sequenceDiagram', ...all.map((n) => `  participant ${n}`)];
  const all_ = [...prefixOf(scenario, run.config), ...run.choices];
  for (let i = 0; i < all_.length; i++) {
    const c = all_[i];
    const why = whyIllegal(protocol, run.config, world, c);
    if (why) throw new Error(`Run does not replay at choice ${i + 1}: ${why}`);
    const trace: StepTrace = [];
    const next = applyChoice(protocol, run.config, world, c, trace);
    for (const l of lines(world, c, trace, all)) out.push('  ' + l);
    world = next;
  }
  return out.join('\n') + '\n';
}
