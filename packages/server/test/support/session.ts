/**
 * Signing in over HTTP as the web app does: POST /auth/login, then send the session cookie
 * and echo the CSRF token. For tests of the cookie path (t.call always sends a bearer token).
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app.ts';
import { TEST_PASSWORD } from './test-app.ts';

export type Session = { cookie: string; csrfToken: string; login: LightMyRequestResponse };

export function postLogin(app: App, email: string, password = TEST_PASSWORD) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
}

export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<Session> {
  const login = await postLogin(app, email, password);
  assert.equal(login.statusCode, 200, login.body);
  const session = login.cookies.find((c) => c.name === 'sb_session');
  assert.ok(session, 'the login answer sets sb_session');
  return { cookie: `sb_session=${session.value}`, csrfToken: login.json().csrfToken, login };
}

/** A request with the session cookie; `csrf` is the header to send (none when null). */
export function asSession(
  app: App,
  session: Session,
  request: {
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    url: string;
    body?: object;
    csrf?: string | null;
    headers?: Record<string, string>;
  },
) {
  const csrf = request.csrf === undefined ? session.csrfToken : request.csrf;
  return app.inject({
    method: request.method,
    url: request.url,
    headers: {
      cookie: session.cookie,
      ...(csrf !== null ? { 'x-csrf-token': csrf } : {}),
      ...request.headers,
    },
    ...(request.body ? { payload: request.body } : {}),
  });
}
