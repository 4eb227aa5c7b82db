/** The pasted token lives in this tab's sessionStorage only: closing the tab or signing out forgets it. */
const KEY = 'sla-ledger.token';

export function sessionToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function keepToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
