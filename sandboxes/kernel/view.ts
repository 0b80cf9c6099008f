/**
 * What the player draws: node views from a world, and state diagrams read off the machine itself.
 *
 * The diagram walks the machine definition (state nodes, their `on` transitions and `always`), so
 * it can never drift from the code that runs. Must not import any UI.
 */
import type { AnyStateMachine } from 'xstate';
import { contextOf, stateIdOf } from './node.ts';
import type { NodeView, Protocol, StateDiagram, World } from './types.ts';

/** One view per node, in world order. */
export function viewNodes(protocol: Protocol, world: World): NodeView[] {
  return Object.keys(world.nodes).map((id) => {
    const rec = world.nodes[id];
    const ctx = rec.up ? contextOf(rec.snapshot) : null;
    return {
      id,
      role: rec.role,
      up: rec.up,
      state: rec.up ? stateIdOf(rec.snapshot) : null,
      store: rec.store,
      memory: ctx === null ? null : protocol.memory ? protocol.memory(rec.role, ctx) : ctx,
    };
  });
}

type StateNodeLike = {
  key: string;
  path: string[];
  type: string;
  description?: string;
  meta?: { label?: string };
  states: Record<string, StateNodeLike>;
  transitions: Map<string, { target?: StateNodeLike[] | undefined; guard?: unknown }[]>;
  always?: { target?: StateNodeLike[] | undefined }[];
  config: { initial?: unknown };
};

function idOf(n: StateNodeLike): string {
  return n.path.join('.');
}

function labelOf(n: StateNodeLike): string {
  return n.meta?.label ?? n.key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/-/g, ' ').toLowerCase();
}

/**
 * The machine's states and transitions. `recoveryStateId` names the state a crashed node restarts
 * in; when omitted, a top-level state called `recovering` is used if there is one.
 */
export function stateDiagram(machine: AnyStateMachine, recoveryStateId?: string): StateDiagram {
  const states: StateDiagram['states'] = [];
  const transitions: StateDiagram['transitions'] = [];
  const seen = new Set<string>();
  const walk = (n: StateNodeLike) => {
    for (const child of Object.values(n.states)) {
      const from = idOf(child);
      states.push({ id: from, label: labelOf(child), final: child.type === 'final' });
      for (const [event, defs] of child.transitions) {
        for (const d of defs) {
          for (const t of d.target ?? []) {
            const key = `${from}|${idOf(t)}|${event}`;
            if (!seen.has(key)) {
              seen.add(key);
              transitions.push({ from, to: idOf(t), event });
            }
          }
        }
      }
      for (const d of child.always ?? []) {
        for (const t of d.target ?? []) {
          const key = `${from}|${idOf(t)}|always`;
          if (!seen.has(key)) {
            seen.add(key);
            transitions.push({ from, to: idOf(t), event: '(always)' });
          }
        }
      }
      walk(child);
    }
  };
  const root = machine.root as unknown as StateNodeLike;
  walk(root);
  const initial = typeof root.config.initial === 'string' ? root.config.initial : (states[0]?.id ?? '');
  const recovery = recoveryStateId ?? (states.some((s) => s.id === 'recovering') ? 'recovering' : null);
  return { states, transitions, initial, recovery };
}
