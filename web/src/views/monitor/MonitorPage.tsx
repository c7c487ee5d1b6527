// Placeholder until this page is written (this session).
export function MonitorPage() {
  return <p>MonitorPage</p>;
}
