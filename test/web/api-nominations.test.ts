// Nominations through the JSON API, every answer checked against
// /api/openapi.json: a member nominates and votes, a Steering Council member
// vetoes without seeing the votes, and someone else gets a problem saying
// nominations are not public.
import { expect, it } from 'vitest';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld } from './api-support.ts';

type Problem = { status: number; detail: string };
type Nomination = {
  id: number;
  status: string;
  rule: string;
  votes: { voter: string; inFavour: boolean }[] | null;
  yourVote: boolean | null;
  may: { vote: boolean; veto: boolean; withdraw: boolean };
};

forEachEngine('nominations through the API', (engine) => {
  const { t, call, credentials } = apiWorld(engine);

  it('a member nominates, another votes and changes the vote, a Council member vetoes without seeing the votes', async () => {
    await t.importDevguideRoster();
    const gregory = await credentials('token', 'gpshead');
    const opened = await call<Nomination>(gregory, 'POST', '/v1/nominations', {
      login: 'new-person',
      name: 'New Person',
      why: 'Fixed a dozen security bugs.',
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      status: 'open',
      votes: [],
      may: { vote: true, veto: false, withdraw: true },
    });
    const id = opened.body.id;
    const petr = await credentials('session', 'encukou');
    await call(petr, 'POST', `/v1/nominations/${id}/vote`, { inFavour: false });
    const changed = await call<Nomination>(petr, 'POST', `/v1/nominations/${id}/vote`, { inFavour: true });
    expect(changed.body).toMatchObject({ yourVote: true, votes: [{ voter: 'encukou', inFavour: true }] });

    const council = await credentials('token', 'corona10');
    const seen = await call<Nomination>(council, 'GET', `/v1/nominations/${id}`);
    expect(seen.body).toMatchObject({ votes: null, may: { vote: false, veto: true } });
    const vetoed = await call<Nomination>(council, 'POST', `/v1/nominations/${id}/veto`, {
      decision: 'SC vote of 2026-03-09',
    });
    expect(vetoed.body.status).toBe('vetoed');
    expect(vetoed.body.rule).toBe('vetoed by the Steering Council on 2026-03-10 (SC vote of 2026-03-09)');
  });

  it('someone who is neither a member nor on the Council is refused, and told nominations are not public', async () => {
    await t.importDevguideRoster();
    const visitor = await credentials('token', 'curious-visitor');
    const listed = await call<Problem>(visitor, 'GET', '/v1/nominations');
    expect(listed.status).toBe(403);
    expect(listed.body.detail).toContain('they are not public');
    const nominated = await call<Problem>(visitor, 'POST', '/v1/nominations', {
      login: 'me',
      name: 'Me',
      why: 'I',
    });
    expect(nominated.status).toBe(403);
  });
});
