// Who is signed in: loaded once from /api/auth/me, cleared on logout or any 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";

import { api, onUnauthorized } from "./api/client";
import type { User } from "./api/types";

interface AuthState {
  user: User | null;
  loading: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  register: (email: string, password: string, name: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    api<User>("/auth/me")
      .then((me) => live && setUser(me))
      .catch(() => live && setUser(null))
      .finally(() => live && setLoading(false));
    const stop = onUnauthorized(() => setUser(null));
    return () => {
      live = false;
      stop();
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const out = await api<{ user: User }>("/auth/login", {
      method: "POST",
      body: { email, password },
    });
    setUser(out.user);
  }, []);

  const register = useCallback(async (email: string, password: string, name: string) => {
    const out = await api<{ user: User }>("/auth/register", {
      method: "POST",
      body: { email, password, name },
    });
    setUser(out.user);
  }, []);

  const signOut = useCallback(async () => {
    await api<void>("/auth/logout", { method: "POST" }).catch(() => undefined);
    setUser(null);
  }, []);

  const value = useMemo(
    () => ({ user, loading, signIn, register, signOut }),
    [user, loading, signIn, register, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth outside <AuthProvider>");
  return state;
}
