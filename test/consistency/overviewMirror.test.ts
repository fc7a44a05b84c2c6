// The client declares the controls overview it receives (client/src/model.ts) because it may not
// import server code; the declarations must stay the same as the server's (core/overview.ts).
// The check is made by the type checker (`npm run typecheck`, part of `npm test`): a field added,
// removed or retyped on either side makes `Same<...>` false and this file fail to compile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Client from '../../client/src/model';
import type * as Server from '../../server/src/core/overview';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const mirrored: [
  Same<Client.ControlState, Server.ControlState>,
  Same<Client.ControlOverview, Server.ControlOverview>,
  Same<Client.ScopeOverview, Server.ScopeOverview>,
  Same<Client.Overview, ReturnType<typeof Server.controlsOverview>>,
] = [true, true, true, true];

test('the client declares the controls overview exactly as the server sends it', () => {
  assert.deepEqual(mirrored, [true, true, true, true]);
});
