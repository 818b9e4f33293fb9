// Access token for the API and the hubs, once the server requires sign-in (`POST /api/v1/auth/login`).
const KEY = 'fajma.accessToken';

export function getAccessToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
