// `/members`: the PSRT's member and emeritus lists, for anyone; roles and
// work for members (the read model decides what the one asking sees).
import { Hono } from 'hono';
import { teamAs } from '../../app/members.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { MembersPage } from '../pages/members.tsx';

export function membersRoutes({ ctx, sandbox }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/members', async (c) => {
    const team = await teamAs(ctx, c.get('principal'));
    return c.render(<MembersPage team={team} now={ctx.now()} sandbox={sandbox} />);
  });
  return app;
}
