// The CVSS calculator's routes: the standalone page (public: it shows no report data) and the
// browser script that makes every calculator live, bundled from src/web/client/cvss.ts by
// esbuild on first request and kept in memory (the same from the sources and from the bundle).
import { build } from 'esbuild';
import { Hono } from 'hono';
import { packageFile } from '../../config/package-files.ts';
import { submittedVector } from '../cvss-picker.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { CvssToolPage } from '../pages/cvss-tool.tsx';

/** Where the standalone page starts without a vector: FIRST's calculator's, every impact None. */
export const startingVector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N';

const clientEntry = packageFile('src/web/client/cvss.ts');
let bundle: Promise<string> | undefined;

/** The browser script, built once per process; a failed build is tried again on the next request. */
export function cvssScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [clientEntry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    banner: { js: '/* psrt CVSS calculator. Bundles ae-cvss-calculator, Apache-2.0, {metæffekt}. */' },
    logLevel: 'silent',
  }).then(
    (result) => result.outputFiles[0]?.text ?? '',
    (error: unknown) => {
      bundle = undefined;
      throw error;
    },
  );
  return bundle;
}

export function cvssRoutes({ sandbox }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/static/cvss.js', async (c) => {
    const script = await cvssScript();
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  app.get('/tools/cvss', (c) => {
    const query = c.req.query();
    const vector = 'vector' in query ? submittedVector((field) => query[field], 'vector') : startingVector;
    const principal = c.get('principal');
    return c.render(
      <CvssToolPage
        vector={vector}
        signedInAs={c.get('login')}
        isMember={principal.kind === 'user' && principal.member}
        sandbox={sandbox}
      />,
    );
  });

  return app;
}
