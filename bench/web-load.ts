// The load generator of the web benchmark, run as its own process so its work
// is not the server's: `clients` concurrent clients send `requests` GETs to
// one URL (keep-alive), and the latencies and statuses are printed as JSON.
// Input: one JSON argument { url, headers, clients, requests, warmup }.

interface LoadPlan {
  url: string;
  headers: Record<string, string>;
  clients: number;
  requests: number;
  warmup: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;

async function once(): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const response = await fetch(plan.url, { headers: plan.headers });
  await response.arrayBuffer();
  return { ms: performance.now() - start, status: response.status };
}

async function drive(total: number): Promise<{ samples: number[]; statuses: Record<string, number> }> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  const client = async () => {
    while (sent < total) {
      sent++;
      const { ms, status } = await once();
      samples.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: plan.clients }, client));
  return { samples, statuses };
}

await drive(plan.warmup);
const start = performance.now();
const { samples, statuses } = await drive(plan.requests);
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ samples, statuses, seconds })}\n`);
