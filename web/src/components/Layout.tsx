// The application shell: skip link, header (home, theme, account), the page in <main>.
import { Link, Navigate, Outlet, useLocation } from "react-router";

import { useAuth } from "../auth";
import { useTheme } from "../theme";
import { Loading } from "./Status";

export function Layout() {
  const { user, loading, signOut } = useAuth();
  const [theme, toggleTheme] = useTheme();
  const location = useLocation();

  if (loading) return <Loading what="Signing in" />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          InfraNest
        </Link>
        <nav aria-label="Main" className="main-nav">
          <Link to="/">Projects</Link>
          <Link to="/start">Describe a backend</Link>
        </nav>
        <div className="header-actions">
          <button
            type="button"
            onClick={toggleTheme}
            aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}
          >
            {theme === "dark" ? "Light theme" : "Dark theme"}
          </button>
          <span className="muted" aria-label="Signed in as">
            {user.email}
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
