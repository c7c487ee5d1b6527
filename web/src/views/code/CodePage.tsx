// Placeholder until this page is written (this session).
export function CodePage() {
  return <p>CodePage</p>;
}
