// Sign in or create an account; afterwards go to ?next= (a path inside the app) or home.
import { useState } from "react";
import type { FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";

import { ApiError } from "../../api/client";
import { useAuth } from "../../auth";
import { useTheme } from "../../theme";
import { Loading } from "../../components/Status";
import { FieldError, fieldErrors } from "./fieldErrors";
import "../../components/forms.css";
import "./auth.css";

type Mode = "signin" | "register";

/** Only a path inside this app may be the target of ?next= (no other origin). */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const { user, loading, signIn, register } = useAuth();
  const [theme, toggleTheme] = useTheme();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>("signin");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get("next"));

  if (loading) return <Loading what="Checking your session" />;
  if (user) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = fieldErrors({ mode, email, password });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      if (mode === "signin") await signIn(email, password);
      else await register(email, password, name);
      navigate(next, { replace: true });
    } catch (reason) {
      setErrors(serverErrors(reason));
    } finally {
      setBusy(false);
    }
  }

  const title = mode === "signin" ? "Sign in" : "Create an account";
  return (
    <main id="main" className="auth-page">
      <div className="auth-top">
        <h1>InfraNest</h1>
        <button
          type="button"
          onClick={toggleTheme}
          aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}
        >
          {theme === "dark" ? "Light theme" : "Dark theme"}
        </button>
      </div>
      <form className="card auth-form" onSubmit={(e) => void submit(e)} noValidate>
        <h2>{title}</h2>
        {errors.form && (
          <p className="error-note" role="alert">
            {errors.form}
          </p>
        )}
        <label htmlFor="auth-email">Email</label>
        <input
          id="auth-email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={Boolean(errors.email)}
          aria-describedby={errors.email ? "auth-email-error" : undefined}
          required
        />
        <FieldError id="auth-email-error" message={errors.email} />
        {mode === "register" && (
          <>
            <label htmlFor="auth-name">Name (optional)</label>
            <input
              id="auth-name"
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </>
        )}
        <label htmlFor="auth-password">Password</label>
        <input
          id="auth-password"
          type="password"
          autoComplete={mode === "signin" ? "current-password" : "new-password"}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={Boolean(errors.password)}
          aria-describedby={errors.password ? "auth-password-error" : "auth-password-help"}
          required
        />
        {mode === "register" && !errors.password && (
          <p id="auth-password-help" className="muted help">
            At least 8 characters.
          </p>
        )}
        <FieldError id="auth-password-error" message={errors.password} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Please wait…" : title}
        </button>
      </form>
      <p>
        {mode === "signin" ? "New here? " : "Have an account? "}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setMode(mode === "signin" ? "register" : "signin");
            setErrors({});
          }}
        >
          {mode === "signin" ? "Create an account" : "Sign in instead"}
        </button>
      </p>
      <p className="muted">InfraNest designs, generates and monitors backends from one spec.</p>
    </main>
  );
}

function serverErrors(reason: unknown): Record<string, string> {
  if (!(reason instanceof ApiError)) return { form: "The server could not be reached." };
  const out: Record<string, string> = {};
  for (const item of reason.errors) {
    const field = (item.path ?? item.field ?? "").split(".").pop() ?? "";
    if (field === "email" || field === "password") out[field] = item.message;
  }
  if (reason.status === 409) out.email = "An account with this email exists; sign in instead.";
  if (Object.keys(out).length === 0) out.form = reason.message;
  return out;
}
