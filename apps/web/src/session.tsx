import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { decide, type Principal } from '../../api/src/access/access-policy.ts';
import { get, type Me } from './api.ts';
import { forgetToken, keepToken, sessionToken } from './session-store.ts';

export interface Session {
  me: Me | null;
  /** Whether the signed-in token may call `METHOD /route/:pattern` (the API's own access table). */
  can(method: string, route: string, params?: Record<string, string>): boolean;
  signIn(token: string): Promise<Me>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

const ME_KEY = 'sla-ledger.me';

function rememberedMe(): Me | null {
  const text = sessionStorage.getItem(ME_KEY);
  return text && sessionToken() ? (JSON.parse(text) as Me) : null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(rememberedMe);

  const signIn = useCallback(async (token: string) => {
    const who = await get<Me>('/tokens/current', undefined, token);
    keepToken(token);
    sessionStorage.setItem(ME_KEY, JSON.stringify(who));
    setMe(who);
    return who;
  }, []);

  const signOut = useCallback(() => {
    forgetToken();
    sessionStorage.removeItem(ME_KEY);
    setMe(null);
  }, []);

  const can = useCallback(
    (method: string, route: string, params: Record<string, string> = {}) => {
      if (!me) return false;
      const principal: Principal = { actor: me.actor, role: me.role, customerId: me.customerId, tokenId: null };
      return decide(principal, method, route, params).allowed;
    },
    [me],
  );

  const value = useMemo(() => ({ me, can, signIn, signOut }), [me, can, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Where a token lands after signing in. */
export function homeOf(me: Me): string {
  switch (me.role) {
    case 'customer':
      return `/customers/${encodeURIComponent(me.customerId ?? '')}`;
    case 'finance':
      return `/finance/${previousMonth()}`;
    case 'support':
      return '/customers';
    default:
      return '/';
  }
}

export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function previousMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}
