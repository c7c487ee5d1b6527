// Placeholder until this page is written (this session).
export function DesignPage() {
  return <p>DesignPage</p>;
}
