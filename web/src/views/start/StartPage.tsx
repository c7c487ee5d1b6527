// Placeholder until this page is written (this session).
export function StartPage() {
  return <p>StartPage</p>;
}
