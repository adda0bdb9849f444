// The one place the UI talks to the platform. Session cookie plus our CSRF header on every write.

export interface CurrentUser {
  userId: string;
  groups: string[];
  admin: boolean;
}

const CSRF_COOKIE = 'PG-XSRF-TOKEN';
const CSRF_HEADER = 'X-PG-XSRF-TOKEN';

function csrfToken(): string {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith(CSRF_COOKIE + '='));
  return cookie ? decodeURIComponent(cookie.split('=')[1]) : '';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The error's JSON body, for answers that carry more than a message (a refused model's violations). */
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

/** The signed-in user, or null for a visitor without a session, who may read the public pages only. */
export async function signedInUser(): Promise<CurrentUser | null> {
  const response = await fetch('/api/me', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) return null;
  if (!response.ok) throw new ApiError(response.status, `The platform answered ${response.status} ${response.statusText}.`);
  return (await response.json()) as CurrentUser;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (init.method && init.method !== 'GET') headers.set(CSRF_HEADER, csrfToken());
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.assign('/login');
    throw new ApiError(401, 'Your session ended. Please sign in again.');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const fallback = response.status === 403 ? 'You do not have access to this.' : `The platform answered ${response.status} ${response.statusText}.`;
    throw new ApiError(response.status, body.detail ?? body.message ?? fallback, body);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A write: POST or PUT with a JSON body. */
export function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return api<T>(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function signOut(): Promise<void> {
  await fetch('/logout', { method: 'POST', headers: { [CSRF_HEADER]: csrfToken() }, credentials: 'same-origin' });
  window.location.assign('/login?logout');
}
