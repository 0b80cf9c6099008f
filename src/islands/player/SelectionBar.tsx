/**
 * The bar under the topology canvas: what the reader picked there and everything it can do now.
 * A node: its state (machine and textbook names), its durable log in one line, Crash or Recover,
 * Isolate or Heal, and a way to its full details. A message: Deliver, Drop, Duplicate. A timer:
 * Fire. Every control that cannot act stays focusable and says why, on screen and to assistive
 * technology. View only: what is possible comes from the kernel's allowed choices.
 */
import type { Choice, NodeView, Protocol, World } from "./model.ts";
import type { CanvasItem } from "./canvas-selection.ts";
import { faultReason, hasChoice, type SessionEvent } from "./session.ts";
import { entries } from "./format.ts";
import { ActionButton } from "./ActionButton.tsx";

type Dispatch = (e: SessionEvent) => void;

export interface SelectionBarProps {
  protocol: Protocol;
  world: World;
  nodes: NodeView[];
  allowed: Choice[];
  maxFaults: number | null;
  spent: number;
  selection: CanvasItem | null;
  dispatch: Dispatch;
  /** Opens the selected node's details (state diagram, log, memory) below the stage. */
  onDetails: (node: string) => void;
  /** Show how to use the canvas when nothing is picked (until the reader has taken a step). */
  hint: boolean;
}

/**
 * Why a timer cannot fire now: only a scenario whose timeouts outlast delivery holds one back,
 * while mail to its node is on the way or for the protocol's own stated reason (`timerBlocked`).
 */
export function fireWhy(world: World, node: string, name: string, protocol?: Protocol): string {
  const waiting = world.inFlight.filter((m) => m.to === node).length;
  if (world.timing !== "after-delivery") return "not possible in this state";
  if (waiting) return `${node} still has ${waiting === 1 ? "a message" : `${waiting} messages`} on the way; in this scenario timeouts wait for delivery`;
  return protocol?.timerBlocked?.({ node, name }, world) ?? "not possible in this state";
}

function Why({ reasons }: { reasons: [string, string | null][] }) {
  const off = reasons.filter(([, why]) => why);
  if (!off.length) return null;
  return (
    <p className="pl-why" data-testid="selection-why">
      {off.map(([what, why]) => `${what} is off: ${why}.`).join(" ")}
    </p>
  );
}

function Act(props: {
  choice: Choice;
  allowed: Choice[];
  why: string | null;
  label: string;
  text: string;
  testId: string;
  fault?: boolean;
  dispatch: Dispatch;
}) {
  const off = !hasChoice(props.allowed, props.choice);
  return (
    <ActionButton
      className={`pl-btn pl-btn--sm${props.fault ? " pl-btn--fault" : ""}`}
      off={off}
      why={off ? (props.why ?? "not possible in this state") : null}
      onAct={() =>
        props.dispatch({ type: "choice.take", choice: props.choice })
      }
      aria-label={props.label}
      data-testid={props.testId}
    >
      {props.text}
    </ActionButton>
  );
}

function NodeBar(props: SelectionBarProps & { node: NodeView }) {
  const { node, world, allowed, dispatch, protocol } = props;
  const textbook = node.state
    ? protocol.stateNames?.[node.role]?.[node.state]
    : undefined;
  const log = entries(node.store).flatMap((e) => e.items ?? []);
  const crash: Choice = { kind: "crash", node: node.id };
  const recover: Choice = { kind: "recover", node: node.id };
  const isolate: Choice = { kind: "partition", groups: [[node.id]] };
  const heal: Choice = { kind: "heal" };
  const crashWhy = hasChoice(allowed, crash)
    ? null
    : (protocol.crashBlocked?.(node.id, world) ??
      faultReason(world, "crash", props.maxFaults, props.spent) ??
      "not possible now");
  const recoverWhy = hasChoice(allowed, recover)
    ? null
    : `${node.id} cannot restart in this state`;
  const isoWhy = hasChoice(allowed, isolate)
    ? null
    : (faultReason(world, "partition", props.maxFaults, props.spent) ??
      "not possible now");
  return (
    <>
      <div className="pl-sel__line">
        <p className="pl-sel__what">
          <strong>{node.id}</strong>{" "}
          <span className="pl-muted">({node.role})</span>{" "}
          {node.up ? (
            <>
              is <strong>{node.state}</strong>
              {textbook ? <> ({textbook})</> : null}
            </>
          ) : (
            <span className="pl-badge pl-badge--bad">
              <span aria-hidden="true">✖ </span>down: memory lost, log kept
            </span>
          )}
          <span className="pl-sel__log">
            {" "}
            · log:{" "}
            {log.length ? (
              log.join(" · ")
            ) : (
              <span className="pl-muted">empty</span>
            )}
          </span>
        </p>
        <div className="pl-row">
          {node.up ? (
            <Act
              choice={crash}
              allowed={allowed}
              why={crashWhy}
              label={`Crash ${node.id}`}
              text="⚡ Crash"
              testId={`crash-${node.id}`}
              fault
              dispatch={dispatch}
            />
          ) : (
            <Act
              choice={recover}
              allowed={allowed}
              why={recoverWhy}
              label={`Recover ${node.id}`}
              text="↺ Recover"
              testId={`recover-${node.id}`}
              dispatch={dispatch}
            />
          )}
          {world.partition ? (
            <Act
              choice={heal}
              allowed={allowed}
              why="not possible now"
              label="Heal the network"
              text="⛓ Heal"
              testId="heal"
              dispatch={dispatch}
            />
          ) : (
            <Act
              choice={isolate}
              allowed={allowed}
              why={isoWhy}
              label={`Isolate ${node.id}`}
              text="✂ Isolate"
              testId={`isolate-${node.id}`}
              fault
              dispatch={dispatch}
            />
          )}
          <button
            type="button"
            className="pl-btn pl-btn--sm"
            onClick={() => props.onDetails(node.id)}
            data-testid={`details-${node.id}`}
          >
            Details
            <span className="pl-sr">
              {" "}
              of {node.id}: state diagram, log and memory
            </span>
            <span aria-hidden="true"> ↓</span>
          </button>
        </div>
      </div>
      <Why
        reasons={[
          node.up ? ["Crash", crashWhy] : ["Recover", recoverWhy],
          ["Isolate", world.partition ? null : isoWhy],
        ]}
      />
    </>
  );
}

function MessageBar(props: SelectionBarProps & { id: number }) {
  const { world, allowed, dispatch } = props;
  const m = world.inFlight.find((x) => x.id === props.id)!;
  const name = `${m.type} from ${m.from} to ${m.to}`;
  const payload = Object.entries(m.payload)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(" ");
  const dropWhy = faultReason(world, "drop", props.maxFaults, props.spent);
  const dupWhy = faultReason(world, "duplicate", props.maxFaults, props.spent);
  const receiverDown = world.nodes[m.to]?.up === false;
  return (
    <>
      <div className="pl-sel__line">
        <p className="pl-sel__what">
          <span aria-hidden="true">✉ </span>
          <strong>{m.type}</strong> {m.from} <span aria-hidden="true">→</span>
          <span className="pl-sr"> to </span> {m.to}{" "}
          <span className="pl-muted">
            #{m.id}
            {payload ? ` ${payload}` : ""}
          </span>
          {receiverDown ? (
            <span className="pl-badge pl-badge--bad">
              receiver down: delivering loses it
            </span>
          ) : null}
        </p>
        <div className="pl-row">
          <Act
            choice={{ kind: "deliver", id: m.id }}
            allowed={allowed}
            why="not deliverable now"
            label={`Deliver ${name}`}
            text="Deliver"
            testId={`deliver-${m.id}`}
            dispatch={dispatch}
          />
          <Act
            choice={{ kind: "drop", id: m.id }}
            allowed={allowed}
            why={dropWhy}
            label={`Drop ${name}`}
            text="Drop"
            testId={`drop-${m.id}`}
            fault
            dispatch={dispatch}
          />
          <Act
            choice={{ kind: "duplicate", id: m.id }}
            allowed={allowed}
            why={dupWhy}
            label={`Duplicate ${name}`}
            text="Duplicate"
            testId={`duplicate-${m.id}`}
            fault
            dispatch={dispatch}
          />
        </div>
      </div>
      <Why
        reasons={[
          [
            "Drop",
            hasChoice(allowed, { kind: "drop", id: m.id }) ? null : dropWhy,
          ],
          [
            "Duplicate",
            hasChoice(allowed, { kind: "duplicate", id: m.id }) ? null : dupWhy,
          ],
        ]}
      />
    </>
  );
}

function TimerBar(props: SelectionBarProps & { node: string; name: string }) {
  const fire: Choice = { kind: "timer", node: props.node, name: props.name };
  const why = hasChoice(props.allowed, fire)
    ? null
    : fireWhy(props.world, props.node, props.name, props.protocol);
  return (
    <>
      <div className="pl-sel__line">
        <p className="pl-sel__what">
          <span aria-hidden="true">◷ </span>
          Timer <strong>{props.name}</strong> at {props.node}
        </p>
        <div className="pl-row">
          <Act
            choice={fire}
            allowed={props.allowed}
            why={why}
            label={`Fire ${props.name} at ${props.node}`}
            text="Fire"
            testId={`fire-${props.node}-${props.name}`}
            dispatch={props.dispatch}
          />
        </div>
      </div>
      <Why reasons={[["Fire", why]]} />
    </>
  );
}

export function SelectionBar(props: SelectionBarProps) {
  const sel = props.selection;
  const node =
    sel?.kind === "node" ? props.nodes.find((n) => n.id === sel.id) : undefined;
  if (!sel && !props.hint) return null;
  return (
    <div
      className="pl-sel"
      role="group"
      aria-label="Selected on the canvas"
      data-testid="selection-bar"
      data-focus-group="selection"
    >
      {sel?.kind === "node" && node ? <NodeBar {...props} node={node} /> : null}
      {sel?.kind === "message" ? <MessageBar {...props} id={sel.id} /> : null}
      {sel?.kind === "timer" ? (
        <TimerBar {...props} node={sel.node} name={sel.name} />
      ) : null}
      {!sel ? (
        <p className="pl-muted pl-small pl-sel__hint">
          Click ✉ to deliver, ◷ to fire. Pick a node, or ⋯ by an envelope, to
          crash or drop (↑ ↓ by keyboard).
        </p>
      ) : null}
    </div>
  );
}
