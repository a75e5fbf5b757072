/**
 * Helpers for the page suites: posting a form as a browser does, the HTML answer checks,
 * html-validate with the recommended rules, and small extractors over the rendered markup.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { HtmlValidate } from 'html-validate';
import type { Db } from '../../src/db/database.ts';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Not disabled, widened: the catalog's compare form is a list of checkboxes that share the
    // name `ids` on purpose (submitting several gives `ids=a&ids=b`, the HTML way to send a
    // selection). The rule's default lets only radios and buttons share a name.
    'form-dup-name': ['error', { shared: ['radio', 'button', 'reset', 'submit', 'checkbox'] }],
  },
});

/** Sends a form the way a browser does, from a page of this server, with the session cookie when one is given. */
export function postForm(
  app: Pick<FastifyInstance, 'inject'>,
  url: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      // Browsers send the page's origin with every form POST; inject's own host is localhost:80.
      origin: 'http://localhost',
      ...(cookie === undefined ? {} : { cookie }),
    },
  });
}

/** Asserts html-validate finds nothing in a whole document, listing every message when it does. */
export async function assertValidHtml(document: string): Promise<void> {
  const report = await validator.validateString(document);
  const messages = report.results.flatMap((result) =>
    result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
  );
  assert.deepEqual(messages, [], `html-validate:\n${messages.join('\n')}`);
}

/**
 * Validates a fragment by placing it as the whole `<body>` of a minimal valid document: the
 * widget is meant to be dropped into any page, so it must be valid flow content on its own, with
 * no help from the layout around it.
 */
export function assertValidFragment(fragment: string): Promise<void> {
  return assertValidHtml(
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>fragment</title>\n</head>\n<body>\n${fragment}\n</body>\n</html>\n`,
  );
}

/** Asserts an HTML answer with this status, in the layout, and valid; returns the body. */
export async function expectPage(response: LightMyRequestResponse, status = 200): Promise<string> {
  assert.equal(response.statusCode, status, response.body.slice(0, 2000));
  assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
  const body = response.body;
  assert.match(body, /<header class="site-header">/, 'in the shared layout');
  assert.match(body, /<link rel="stylesheet" href="\/assets\/style.css">/);
  await assertValidHtml(body);
  return body;
}

/** The `href`s of the links with this `rel`. */
export function linkWithRel(body: string, rel: string): string | undefined {
  const match = body.match(new RegExp(`<a href="([^"]*)" rel="${rel}">`));
  return match?.[1].replaceAll('&amp;', '&');
}

/** The model ids of the catalog's rows, in order (from the compare checkboxes). */
export function rowIds(body: string): string[] {
  return [...body.matchAll(/<input type="checkbox" name="ids" value="([^"]*)"/g)].map((m) => m[1]);
}

/** The markup of the first `<svg>` whose `aria-label` starts with `label`. */
export function svgLabelled(body: string, label: string): string | undefined {
  const start = body.indexOf(`aria-label="${label}`);
  if (start < 0) return undefined;
  const open = body.lastIndexOf('<svg', start);
  return body.slice(open, body.indexOf('</svg>', start) + '</svg>'.length);
}

/** How often `needle` occurs in `text`. */
export function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/**
 * How many SQL statements `work` sends through `db`, counted by drizzle's query logger (the one
 * place both drivers report every statement they send), put back afterwards.
 */
export async function countStatements(db: Db, work: () => Promise<unknown>): Promise<number> {
  const session = (db as unknown as { session: { logger: { logQuery(query: string): void } } }).session;
  const before = session.logger;
  let statements = 0;
  session.logger = { logQuery: () => void statements++ };
  try {
    await work();
  } finally {
    session.logger = before;
  }
  return statements;
}
