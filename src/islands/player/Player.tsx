// STUB: replaced by the player helper.
export default function Player(props: { protocolId: string; scenarioId: string; flags: Record<string, boolean>; title: string }) {
  return <div>{props.title}</div>;
}
