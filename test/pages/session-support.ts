/**
 * Helpers for the suites of the pages' write actions: signing in through the form as a browser
 * does, reading a page with the session cookie, posting a form from another site, and the row
 * counts that show a refused form wrote nothing.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/database.ts';
import { countAllRows } from '../support/row-counts.ts';
import { postForm } from './page-support.ts';

type Injector = Pick<FastifyInstance, 'inject'>;

/** Signs in through `POST /kg/session`; returns the `Cookie` header a browser would send back. */
export async function signInCookie(app: Injector, token: string): Promise<string> {
  const response = await postForm(app, '/kg/session', { token });
  assert.equal(response.statusCode, 303, response.body);
  const header = response.headers['set-cookie'];
  const cookie = (Array.isArray(header) ? header[0] : header)?.split(';')[0];
  if (!cookie?.startsWith('mg_token=')) throw new Error(`no session cookie in ${String(header)}`);
  return cookie;
}

/** A GET as the browser of a signed-in agent (or a visitor, without `cookie`). */
export function getPage(app: Injector, url: string, cookie?: string) {
  return app.inject({ method: 'GET', url, headers: cookie === undefined ? {} : { cookie } });
}

/** A form posted from a page of another site, with a valid session cookie (what SameSite=Strict and the origin check stop). */
export function postCrossSite(app: Injector, url: string, fields: Record<string, string>, cookie: string) {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie },
  });
}

/** Runs `act` and asserts that no table gained or lost a row. */
export async function expectNothingWritten(db: Db, act: () => Promise<unknown>): Promise<void> {
  const before = await countAllRows(db);
  await act();
  assert.deepEqual(await countAllRows(db), before, 'nothing written');
}
