// Talks to the dyad JSON API (docs/api.md). Errors carry the HTTP status (0 = unreachable)
// and the server's own message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const cache = new Map();

/** GET /api/<path> with query parameters (empty values dropped); JSON or ApiError. */
export async function get(path, params = {}, { cached = false } = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") query.set(k, String(v));
  }
  const qs = query.toString();
  const url = `/api/${path}${qs ? `?${qs}` : ""}`;
  if (cached && cache.has(url)) return cache.get(url);
  let response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" } });
  } catch (err) {
    window.dispatchEvent(new CustomEvent("dyad:api-down", { detail: err.message }));
    throw new ApiError(0, `No answer from ${url}: is \`dyad serve\` running? (${err.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ? `${body.error} (HTTP ${response.status})` : `HTTP ${response.status} from ${url}`);
  }
  if (body === null) throw new ApiError(response.status, `${url} did not answer JSON`);
  if (cached) cache.set(url, body);
  return body;
}

let actorNames = null;

/** Map code → name from /api/actors (cached for the page's life). */
export async function actorNameMap() {
  if (actorNames) return actorNames;
  try {
    const { actors } = await get("actors", { limit: 1000 }, { cached: true });
    actorNames = new Map(actors.map((a) => [a.code, a.name || a.code]));
  } catch {
    actorNames = new Map();
  }
  return actorNames;
}

export function forgetCaches() {
  cache.clear();
  actorNames = null;
}
