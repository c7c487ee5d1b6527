// Placeholder until this page is written (this session).
export function LoginPage() {
  return <p>LoginPage</p>;
}
