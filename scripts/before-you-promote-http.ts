/**
 * The walk-through's HTTP calls, and what their failures say: a server that does not answer, and
 * each refusal with its status, code and message — plus what to change for the common ones — so
 * the script ends with one sentence instead of a stack trace.
 */

/** Where the server is. */
export interface ServerAddress {
  baseUrl: string;
}

/** A failure the script explains in one sentence. */
export class WalkThroughError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WalkThroughError';
  }
}

/** What to change when the server refuses with this status. */
const HINTS: Record<number, string> = {
  401: 'check --token and --admin-token (the admin token is the server MODELGRAPH_ADMIN_TOKEN)',
  403: '--token needs the evaluate scope, --admin-token the admin one',
};

/** Sends a request and returns the response text; throws a `WalkThroughError` saying what failed. */
export async function request(
  server: ServerAddress,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  hints: Record<number, string> = {},
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new WalkThroughError(
      `no modelgraph server answers at ${server.baseUrl} (${(error as Error).cause ?? (error as Error).message}): start one (npm start) or pass --url`,
    );
  }
  const text = await response.text();
  if (response.ok) return text;
  let refusal = text.slice(0, 300);
  try {
    const { error } = JSON.parse(text) as { error: { code: string; message: string } };
    refusal = `${error.code}: ${error.message}`;
  } catch {
    // Not the API's error format (a proxy's page, say): show its beginning as it is.
  }
  const hint = hints[response.status] ?? HINTS[response.status];
  throw new WalkThroughError(
    `${method} ${path} answered ${response.status} ${refusal}${hint ? ` — ${hint}` : ''}`,
  );
}

/** `request`, parsed as JSON. */
export async function requestJson(...args: Parameters<typeof request>): Promise<unknown> {
  return JSON.parse(await request(...args));
}
