// Checks of the sign-in form made before asking the server, and their display.

export interface Credentials {
  mode: "signin" | "register";
  email: string;
  password: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Messages keyed by field ("email", "password"); empty when the form may be sent. */
export function fieldErrors({ mode, email, password }: Credentials): Record<string, string> {
  const out: Record<string, string> = {};
  if (!email.trim()) out.email = "Enter your email address.";
  else if (!EMAIL.test(email.trim())) out.email = "Enter an email address like name@example.com.";
  if (!password) out.password = "Enter your password.";
  else if (mode === "register" && password.length < 8)
    out.password = "Use at least 8 characters for the password.";
  return out;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}
