import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Forbidden, Unauthenticated } from '../../errors.ts';
import type { Authenticate } from '../../http/auth.ts';
import { authenticateToken, clearedSessionCookie, readCookie, sessionCookie } from './session.ts';

describe('review session cookie', () => {
  it('reads one cookie among several, decoding it', () => {
    assert.equal(readCookie('a=1; mg_token=mg_abc%2Bd; b=2', 'mg_token'), 'mg_abc+d');
    assert.equal(readCookie('xmg_token=1', 'mg_token'), undefined);
    assert.equal(readCookie(undefined, 'mg_token'), undefined);
    assert.equal(readCookie('mg_token=%E0%A4%A', 'mg_token'), undefined, 'bad percent-encoding');
  });

  it('keeps the token HttpOnly and SameSite=Strict, Secure over HTTPS, and clears it with Max-Age=0', () => {
    assert.equal(sessionCookie('mg_a b', false), 'mg_token=mg_a%20b; HttpOnly; SameSite=Strict; Path=/');
    assert.equal(sessionCookie('t', true), 'mg_token=t; HttpOnly; SameSite=Strict; Path=/; Secure');
    assert.equal(clearedSessionCookie(false), 'mg_token=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
  });

  it('checks a raw token through the authenticator as a bearer header, then the scope', async () => {
    const seen: unknown[] = [];
    const authenticate: Authenticate = async (request) => {
      seen.push(request.headers.authorization);
      if (request.headers.authorization === 'Bearer good')
        return { agentId: 'reviewer', scopes: ['evaluate'] };
      if (request.headers.authorization === 'Bearer writer') return { agentId: 'writer', scopes: ['write'] };
      throw new Unauthenticated('the bearer token is not valid');
    };
    assert.deepEqual(await authenticateToken(authenticate, 'good', 'evaluate'), {
      agentId: 'reviewer',
      scopes: ['evaluate'],
    });
    assert.deepEqual(seen, ['Bearer good']);
    await assert.rejects(authenticateToken(authenticate, 'writer', 'evaluate'), Forbidden);
    await assert.rejects(authenticateToken(authenticate, 'bad', 'evaluate'), /This token is not valid/);
  });
});
