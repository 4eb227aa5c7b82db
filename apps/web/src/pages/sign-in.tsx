import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { homeOf, useSession } from '../session.tsx';
import { ProblemMessage } from '../ui.tsx';

export function SignIn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(token.trim());
      const from = (location.state as { from?: string } | null)?.from;
      navigate(me.role !== 'customer' && from && from !== '/' ? from : homeOf(me), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <h1>SLA Ledger</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <label htmlFor="token">API token</label>
        <input id="token" name="token" type="password" autoComplete="off" required value={token} onChange={(e) => setToken(e.target.value)} />
        <p className="hint">Paste the token an administrator created for you (POST /tokens). It is kept in this tab only, until you sign out.</p>
        <button type="submit" disabled={busy || token.trim() === ''}>
          Sign in
        </button>
        <ProblemMessage error={error} />
      </form>
    </main>
  );
}
