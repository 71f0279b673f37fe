// The story the report timeline's tests tell, a minute between steps: filed with its GHSA and
// reporter, a coordinator, a GHSA comment with a command psrt answered, the determination, the
// reporter's grant, an extension the reporter agreed to, and acceptance.
import { grantAccess } from '../../src/app/grants.ts';
import {
  assignCoordinator,
  determineReport,
  extendDeadline,
  transitionReport,
} from '../../src/app/reports.ts';
import type { Report } from '../../src/domain/report.ts';
import { recordCommandComment } from '../../src/store/index.ts';
import type { TestApp } from './support.ts';

const MINUTE = 60_000;

/** The report after its story; sethmlarson coordinates, gpshead commented, mira-finds-bugs reported. */
export async function timelineStory(app: TestApp): Promise<Report> {
  await app.importDevguideRoster();
  const seth = await app.as('sethmlarson');
  const report = await app.newReport('sethmlarson', {
    ghsaId: 'GHSA-7x2c-3vq9-h4mf',
    reporter: 'mira-finds-bugs',
  });
  app.clock.advance(MINUTE);
  await assignCoordinator(app.ctx(), seth, report.id, 'sethmlarson');
  app.clock.advance(MINUTE);
  await app
    .store()
    .transaction((tx) =>
      recordCommandComment(
        tx,
        { ghsaId: 'GHSA-7x2c-3vq9-h4mf', commentId: 9001, author: 'gpshead', reportId: report.id },
        app.clock.now(),
      ),
    );
  await determineReport(app.ctx(), seth, report.id, 'vulnerability');
  app.clock.advance(MINUTE);
  await grantAccess(app.ctx(), seth, report.id, { login: 'mira-finds-bugs', reason: 'the reporter' });
  app.clock.advance(MINUTE);
  await extendDeadline(app.ctx(), seth, report.id, {
    days: 7,
    reason: 'a release first',
    reporterAgreed: true,
  });
  app.clock.advance(MINUTE);
  return transitionReport(app.ctx(), seth, report.id, 'accept');
}
