// The standalone CVSS v4.0 calculator at /tools/cvss: public, no report data, its address
// carrying the vector (`?vector=…`) so a score can be shared as a link.
import { CvssCalculator } from './cvss-calculator.tsx';
import { Layout } from './layout.tsx';

export interface CvssToolPageProps {
  vector: string;
  signedInAs: string | null;
  isMember: boolean;
  sandbox: boolean;
}

export function CvssToolPage({ vector, signedInAs, isMember, sandbox }: CvssToolPageProps) {
  return (
    <Layout title="CVSS v4.0 calculator" signedInAs={signedInAs} isMember={isMember} sandbox={sandbox}>
      <h1>CVSS v4.0 calculator</h1>
      <p class="lead">
        Pick the metrics or paste a vector: the score and severity are the ones psrt records and publishes.
      </p>
      <form method="get" action="/tools/cvss" class="cvss-tool">
        <CvssCalculator vector={vector} name="vector" syncAddress />
      </form>
    </Layout>
  );
}
