// Every request the UI makes goes through here: the SSO access token when there is one, same-origin cookies, the CSRF token Spring Security
// hands out in the XSRF-TOKEN cookie, and a header that keeps the browser's own Basic dialog away.

export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

let bearerToken: string | null = null;

/** After single sign-on every API call carries the access token; null goes back to the session cookie. */
export function setBearerToken(token: string | null): void {
  bearerToken = token;
}

function withSessionHeaders(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set('X-Requested-With', 'XMLHttpRequest');
  if (bearerToken) headers.set('Authorization', `Bearer ${bearerToken}`);
  const token = readCookie('XSRF-TOKEN');
  if (token) headers.set('X-XSRF-TOKEN', token);
  return { ...init, headers, credentials: 'same-origin' };
}

/** Loads the session and, as a side effect, a fresh CSRF token cookie. */
export async function refreshCsrfToken(): Promise<void> {
  await fetch('/auth/session', withSessionHeaders({ method: 'GET' }));
}

async function isCsrfRefusal(response: Response): Promise<boolean> {
  if (response.status !== 403) return false;
  const text = await response.clone().text();
  return text.includes('CSRF');
}

/**
 * fetch for the API. A write refused for a missing or rotated CSRF token (after sign-in Spring issues
 * a new one) is retried once with a fresh token; it was refused before reaching the server's logic.
 */
export async function apiFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, withSessionHeaders(init));
  if (await isCsrfRefusal(response)) {
    await refreshCsrfToken();
    return fetch(input, withSessionHeaders(init));
  }
  return response;
}
