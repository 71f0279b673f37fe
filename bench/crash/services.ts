// What a crash round's runners act through: its GitHub and CVE Services
// simulators, its SMTP server and its advisory database checkout, with the
// round's mail addresses. No retries inside a client: a failed call is the
// runner's to retry, the path the loop tests.
import { gitCheckout } from '../../src/app/advisory-database.ts';
import { type EffectServices, effectServices } from '../../src/app/effects/services.ts';
import { serviceClients } from '../../src/app/service-clients.ts';
import type { Logger } from '../../src/config/logger.ts';
import { announceAddress } from './publication.ts';
import type { ChildConfig } from './round.ts';

export function roundServices(config: ChildConfig, log: Logger): { services: EffectServices; close(): void } {
  const clients = serviceClients(
    {
      github: { ...config.github, serializeWrites: false, serverErrors: { retries: 0, backoffMs: 1 } },
      cna: { ...config.cve, retry: { retries: 0 } },
      smtp: {
        url: `smtp://${config.smtp.host}:${config.smtp.port}`,
        from: 'psrt@crash.test',
        team: 'psrt@crash.test',
      },
    },
    { log },
  );
  const services = effectServices(
    clients,
    {
      team: 'psrt@crash.test',
      admins: 'admins@crash.test',
      stewardStaff: 'cra@crash.test',
      announce: announceAddress,
    },
    gitCheckout(config.checkout, { push: false, author: { name: 'psrt', email: 'psrt@crash.test' } }),
  );
  return { services, close: () => clients.mailer?.close() };
}
