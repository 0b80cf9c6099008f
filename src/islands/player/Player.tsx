/**
 * The protocol player island: every <Simulation> on every lesson page hydrates this component.
 * An error boundary keeps a bug from leaving a blank box: the reader gets the error and a reset.
 */
import { Component, useEffect, useState, type ReactNode } from 'react';
import PlayerCore, { type PlayerCoreProps } from './PlayerCore.tsx';

export interface PlayerProps {
  protocolId: string;
  scenarioId: string;
  flags: Record<string, boolean>;
  title: string;
  /** The page already shows the title (a collapsed embed's summary): keep it for screen readers only. */
  titleHidden?: boolean;
}

class Boundary extends Component<{ children: ReactNode; onReset: () => void }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  componentDidCatch(error: unknown) {
    console.error('Simulation player crashed:', error);
  }
  render() {
    if (this.state.error) {
      return (
        <div className="pl-root pl-crashed" role="alert" data-testid="player-error">
          <p>
            <strong>The simulation hit a bug</strong> and stopped: {this.state.error.message}
          </p>
          <button
            type="button"
            className="pl-btn pl-btn--primary"
            onClick={() => {
              this.setState({ error: null });
              this.props.onReset();
            }}
            data-testid="player-reset"
          >
            Reset simulation
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}

/** A player wrapped in an error boundary; "Reset simulation" remounts it from the scenario start. */
export function SafePlayer(props: PlayerCoreProps) {
  const [generation, setGeneration] = useState(0);
  return (
    <Boundary
      onReset={() => {
        if (props.useHash && typeof window !== 'undefined' && window.location.hash.includes('sim=')) {
          history.replaceState(history.state, '', window.location.pathname + window.location.search);
        }
        setGeneration((g) => g + 1);
      }}
    >
      <PlayerCore key={generation} {...props} />
    </Boundary>
  );
}

/**
 * What the server renders in place of the player, which mounts only in the browser: its full
 * markup (about 55 kB and a thousand elements) does nothing without scripts, and parsing and
 * styling it cost a long lesson ~200 ms of main-thread time on a phone before anything is seen.
 * An open embed keeps its title and reserves about a player's height, so the page below does not
 * jump when the player mounts.
 */
function Pending({ title, titleHidden }: { title: string; titleHidden?: boolean }) {
  if (titleHidden) {
    return (
      <div className="pl-root pl-pending" data-testid="player-pending">
        Loading the simulator…
      </div>
    );
  }
  return (
    <div className="pl-root pl-pending pl-pending--open" data-testid="player-pending">
      <h3 className="pl-title">{title}</h3>
      <p>Loading the simulator…</p>
    </div>
  );
}

export default function Player(props: PlayerProps) {
  // The first client render matches the server's placeholder; the effect then mounts the player.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  if (!live) return <Pending title={props.title} titleHidden={props.titleHidden} />;
  return <SafePlayer protocolId={props.protocolId} scenarioId={props.scenarioId} flags={props.flags} title={props.title} titleHidden={props.titleHidden} useHash />;
}
