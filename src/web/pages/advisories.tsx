// "Security advisories": what the PSRT published, for anyone. The list
// (newest first), one advisory as it was announced, and the advisories that
// share a CVE ID. Only published reports ever reach these components.
import type { AdvisoryList, AdvisorySummary, PublishedAdvisory } from '../../app/advisories.ts';
import { isoDate } from '../../app/wording.ts';
import { cveOrgUrl } from '../../records/advisory-email.ts';
import { Layout } from './layout.tsx';

const advisoryHref = (key: string) => `/advisories/${encodeURIComponent(key)}`;

function Severity({ severity }: { severity: AdvisorySummary['severity'] }) {
  return severity ? (
    <span class={`severity ${severity.toLowerCase()}`}>{severity}</span>
  ) : (
    <span class="muted">unscored</span>
  );
}

function AdvisoryRows({ advisories }: { advisories: readonly AdvisorySummary[] }) {
  return (
    <div class="table-scroll">
      <table class="reports advisories">
        <thead>
          <tr>
            <th>Advisory</th>
            <th>Title</th>
            <th>Severity</th>
            <th>Product</th>
            <th>Published</th>
          </tr>
        </thead>
        <tbody>
          {advisories.map((advisory) => (
            <tr data-advisory={advisory.key}>
              <td class="id">
                <a href={advisoryHref(advisory.key)}>{advisory.psfId ?? advisory.cveId ?? advisory.key}</a>
                {advisory.psfId && advisory.cveId ? <span class="sub">{advisory.cveId}</span> : null}
              </td>
              <td class="title">
                <a class="plain" href={advisoryHref(advisory.key)}>
                  {advisory.title}
                </a>
              </td>
              <td>
                <Severity severity={advisory.severity} />
              </td>
              <td>{advisory.product}</td>
              <td class="date">
                <time datetime={advisory.publishedAt.toISOString()}>{isoDate(advisory.publishedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AdvisoriesPage({
  list,
  sandbox,
  canImport = false,
}: {
  list: AdvisoryList;
  sandbox: boolean;
  /** Admins: a link to import the PSF's published records. */
  canImport?: boolean;
}) {
  const lastPage = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <Layout title="Security advisories" sandbox={sandbox}>
      <div class="heading">
        <h1>Security advisories</h1>
        <a class="feed" href="/advisories.atom" type="application/atom+xml">
          Atom feed
        </a>
      </div>
      <p class="lead">
        {list.total === 0
          ? 'Nothing has been published yet.'
          : `${list.total} published advisor${list.total === 1 ? 'y' : 'ies'}, newest first. Each links to its CVE record and, for CPython, its entry in the PSF advisory database (OSV).`}
      </p>
      {canImport ? (
        <p>
          <a href="/history">Import published records</a> (admins): an OSV file or a CVE record as a published
          report.
        </p>
      ) : null}
      {list.advisories.length === 0 ? (
        <p class="empty">No published advisories{list.page > 1 ? ' on this page' : ''}.</p>
      ) : (
        <AdvisoryRows advisories={list.advisories} />
      )}
      {lastPage > 1 ? (
        <nav class="pager">
          {list.page > 1 ? <a href={`/advisories?page=${list.page - 1}`}>← newer</a> : null}
          <span>
            page {list.page} of {lastPage}
          </span>
          {list.page < lastPage ? <a href={`/advisories?page=${list.page + 1}`}>older →</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

export function AdvisoryPage({
  advisory,
  sandbox,
}: {
  advisory: Extract<PublishedAdvisory, { kind: 'one' }>;
  sandbox: boolean;
}) {
  const { summary, email, records } = advisory;
  const json = (format: 'cve' | 'osv') => `${advisoryHref(summary.key)}.json?format=${format}`;
  return (
    <Layout title={summary.psfId ?? summary.cveId ?? summary.key} sandbox={sandbox}>
      <p class="crumbs">
        <a href="/advisories">Security advisories</a>
      </p>
      <h1 class="advisory-title">{summary.title}</h1>
      <div class="advisory-summary">
        <dl class="facts">
          {summary.psfId ? (
            <>
              <dt>PSF advisory</dt>
              <dd class="id">{summary.psfId}</dd>
            </>
          ) : null}
          {summary.cveId ? (
            <>
              <dt>CVE ID</dt>
              <dd class="id">{summary.cveId}</dd>
            </>
          ) : null}
          <dt>Severity</dt>
          <dd>
            <Severity severity={summary.severity} />
          </dd>
          <dt>Product</dt>
          <dd>
            {summary.product} <span class="muted">({summary.repository})</span>
          </dd>
          <dt>Published</dt>
          <dd>
            <time datetime={summary.publishedAt.toISOString()}>{isoDate(summary.publishedAt)}</time>
          </dd>
        </dl>
        <section class="records" aria-label="Records">
          <h2>Records</h2>
          <ul class="links">
            {summary.cveId ? (
              <li>
                <a href={cveOrgUrl(summary.cveId)}>{summary.cveId} on cve.org</a>
              </li>
            ) : null}
            {records.cve ? (
              <li>
                <a href={json('cve')}>CVE record (JSON)</a>
              </li>
            ) : null}
            {summary.psfId ? (
              <li>
                <a href={`https://osv.dev/vulnerability/${summary.psfId}`}>{summary.psfId} on osv.dev</a>
              </li>
            ) : null}
            {records.osv ? (
              <li>
                <a href={json('osv')}>OSV record (JSON)</a>
              </li>
            ) : null}
          </ul>
        </section>
      </div>
      <section class="announcement" aria-label="Advisory email">
        <h2>The advisory as announced</h2>
        {email ? (
          <article class="mail-text">
            <p class="subject">{email.subject}</p>
            <pre class="body">{email.text}</pre>
          </article>
        ) : (
          <pre class="body">{advisory.report.description}</pre>
        )}
      </section>
    </Layout>
  );
}

/** A CVE ID that more than one published advisory names: each, to pick from. */
export function SharedCvePage({
  cveId,
  advisories,
  sandbox,
}: {
  cveId: string;
  advisories: readonly AdvisorySummary[];
  sandbox: boolean;
}) {
  return (
    <Layout title={cveId} sandbox={sandbox}>
      <p class="crumbs">
        <a href="/advisories">Security advisories</a>
      </p>
      <h1>{cveId}</h1>
      <p class="lead">{`${advisories.length} published advisories name ${cveId}:`}</p>
      <AdvisoryRows advisories={advisories} />
    </Layout>
  );
}
