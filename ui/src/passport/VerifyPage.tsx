import { useState } from 'react';
import { send } from '../api';
import { ErrorNotice } from '../components/Status';

interface Verification {
  valid: boolean;
  signatureValid: boolean;
  keyId: string | null;
  issuer: string | null;
  credentialId: string | null;
  validFrom: string | null;
  validUntil: string | null;
  expired: boolean;
  revoked: boolean;
  revokedAt: string | null;
  credential: Record<string, unknown> | null;
  problems: string[];
}

/** Paste a credential, see whether it holds: the same check anyone can run against POST /api/passport/verify. */
export function VerifyPage() {
  const [jwt, setJwt] = useState('');
  const [verdict, setVerdict] = useState<Verification>();
  const [error, setError] = useState<unknown>();
  const verify = () => send<Verification>('POST', '/api/passport/verify', { jwt: jwt.trim() }).then(setVerdict, setError);
  return (
    <>
      <h1>Verify a credential</h1>
      <label htmlFor="jwt">Signed credential (VC-JWT)</label>
      <textarea id="jwt" rows={6} value={jwt} onChange={(e) => setJwt(e.target.value)} style={{ width: '100%' }} />
      <button onClick={() => void verify()} disabled={!jwt.trim()}>Verify</button>
      <ErrorNotice error={error} />
      {verdict && (
        <section className="panel" data-testid="verdict">
          <h2>{verdict.valid ? '✓ Valid' : '✗ Not valid'}</h2>
          {verdict.problems.length > 0 && <ul>{verdict.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
          <table>
            <tbody>
              <tr><th>Signature</th><td>{verdict.signatureValid ? `valid (key ${verdict.keyId})` : 'does not match'}</td></tr>
              <tr><th>Issuer</th><td>{verdict.issuer ?? '—'}</td></tr>
              <tr><th>Valid from</th><td>{verdict.validFrom ?? '—'}</td></tr>
              <tr><th>Valid until</th><td>{verdict.validUntil ?? '—'}{verdict.expired ? ' (expired)' : ''}</td></tr>
              <tr><th>Revoked</th><td>{verdict.revoked ? `yes, ${verdict.revokedAt}` : 'no'}</td></tr>
            </tbody>
          </table>
          {verdict.credential && <pre className="code">{JSON.stringify(verdict.credential, null, 2)}</pre>}
        </section>
      )}
    </>
  );
}
