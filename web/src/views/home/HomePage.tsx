// Placeholder until this page is written (this session).
export function HomePage() {
  return <p>HomePage</p>;
}
