// Placeholder until this page is written (this session).
export function SpecPage() {
  return <p>SpecPage</p>;
}
