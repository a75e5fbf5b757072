/**
 * A PostgreSQL server that cannot be reached or refuses the login, in one sentence naming
 * `DATABASE_URL` and the part of it to fix (host, port, user, password, database). The URL's
 * password is never printed.
 */

/** The parts of a `postgres://` URL a message may show. */
export interface Target {
  host: string;
  port: string;
  user: string;
  database: string;
}

/** Where a `postgres://` URL points, with libpq's defaults for what it leaves out (never its password). */
export function databaseTargetOf(databaseUrl: string): Target {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname || 'localhost',
    port: url.port || '5432',
    user: decodeURIComponent(url.username) || process.env.PGUSER || process.env.USER || 'postgres',
    database: decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres',
  };
}

/** The error codes on an error, its cause and — for a connection tried on several addresses — its parts. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code, errors } = current as { code?: unknown; errors?: unknown[] };
    if (typeof code === 'string') codes.push(code);
    for (const part of errors ?? []) {
      const partCode = (part as { code?: unknown }).code;
      if (typeof partCode === 'string') codes.push(partCode);
    }
  }
  return codes;
}

const UNREACHABLE = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/**
 * The sentence for a failure to connect to (or log in to) the PostgreSQL server of `databaseUrl`,
 * or undefined when `error` is not one.
 */
export function describeDatabaseFailure(error: unknown, databaseUrl: string): string | undefined {
  const codes = codesOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const { host, port, user, database } = databaseTargetOf(databaseUrl);
  const at = `${host}:${port}`;
  if (codes.includes('ECONNREFUSED')) {
    return `nothing accepts connections at ${at}, the PostgreSQL server of DATABASE_URL: start it, or set DATABASE_URL to the server's host and port`;
  }
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return `the host ${host} of DATABASE_URL cannot be found: set DATABASE_URL to a PostgreSQL server's host name`;
  }
  const unreachable = codes.find((code) => UNREACHABLE.has(code));
  if (unreachable || /timeout exceeded when trying to connect/.test(message)) {
    return `the PostgreSQL server of DATABASE_URL at ${at} cannot be reached (${unreachable ?? 'timeout'}): check the host and port in DATABASE_URL`;
  }
  if (codes.includes('28P01')) {
    return `PostgreSQL refused the password of user ${user}: set the user and password in DATABASE_URL (postgres://user:password@${at}/${database})`;
  }
  if (/client password must be a string/.test(message)) {
    return `PostgreSQL asks user ${user} for a password and DATABASE_URL has none: add it (postgres://${user}:password@${at}/${database})`;
  }
  if (codes.includes('28000')) {
    return `PostgreSQL does not let user ${user} connect to ${database} (${message}): set another user in DATABASE_URL or allow it on the server`;
  }
  if (codes.includes('3D000')) {
    return `the database ${database} of DATABASE_URL does not exist on ${at}: create it (createdb ${database}) or set DATABASE_URL to an existing one`;
  }
  return undefined;
}
