// The load generator of the web benchmark, run as its own process so its work
// is not the server's: `clients` concurrent clients send `requests` GETs
// (keep-alive, through node:http: lighter than fetch, so the generator takes as
// little of the machine from the server as it can), each to the next of
// `paths` in turn, and the latencies and statuses are printed as JSON.
// Input: one JSON argument { url, paths, headers, clients, requests, warmup }.
import http from 'node:http';

interface LoadPlan {
  /** The server's root URL. */
  url: string;
  /** Paths asked in turn: one path repeats the same read; many spread the reads. */
  paths: string[];
  headers: Record<string, string>;
  clients: number;
  requests: number;
  warmup: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.clients });
let turn = 0;

function once(): Promise<{ ms: number; status: number }> {
  const url = new URL(plan.paths[turn++ % plan.paths.length] ?? '/', plan.url);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: plan.headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ ms: performance.now() - start, status: response.statusCode ?? 0 }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
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
agent.destroy();
process.stdout.write(`${JSON.stringify({ samples, statuses, seconds })}\n`);
