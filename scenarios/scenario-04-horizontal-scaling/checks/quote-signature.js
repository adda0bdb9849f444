// The reference signature of a quote, for the correctness check: one JSON line in ({"values": ..., "row": ...}, the
// quote's terms as the database has them), one JSON line out ({"signature": ...}), in order. It derives the signature
// exactly as the checkout verifies it, so a cheaper signature (fewer rounds, another hash) does not match.
//
// With --cost it is the scenario's speed probe instead (ADR 0026): it prints {"unit_ms": ...}, the CPU milliseconds
// one signature costs on this host, and the platform sizes the load to it.
const crypto = require('node:crypto');
const os = require('node:os');
const readline = require('node:readline');
const { promisify } = require('node:util');

const pbkdf2 = promisify(crypto.pbkdf2);

const SIGNING_SECRET = process.env.QUOTE_SECRET || 'quote-signing-secret';
const SIGNING_ROUNDS = 12000;

function sign(terms) {
  return crypto.pbkdf2Sync(terms, SIGNING_SECRET, SIGNING_ROUNDS, 32, 'sha256').toString('hex');
}

// What one signature costs when every CPU is busy, as during a load run: on a host whose CPUs share cores, one alone
// runs faster than all together. Each batch keeps every lane busy (up to 4), and the cheapest of 15 batches counts:
// a neighbour can only make a batch dearer.
async function costOfOneSignature() {
  const lanes = Math.min(4, Math.max(1, os.availableParallelism()));
  const batch = async (size) => {
    const start = process.cpuUsage();
    await Promise.all(Array.from({ length: size }, (_, i) => pbkdf2(`${i}:1:100`, SIGNING_SECRET, SIGNING_ROUNDS, 32, 'sha256')));
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / size;
  };
  await batch(lanes * 2);
  let cheapest = Infinity;
  for (let i = 0; i < 15; i++) cheapest = Math.min(cheapest, await batch(lanes * 3));
  return cheapest;
}

if (process.argv.includes('--cost')) {
  costOfOneSignature().then((ms) => process.stdout.write(JSON.stringify({ unit_ms: Math.round(ms * 1000) / 1000 }) + '\n'));
} else {
  const lines = readline.createInterface({ input: process.stdin });
  const out = [];
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const { row } = JSON.parse(line);
    out.push(JSON.stringify({ signature: sign(`${row.product_id}:${row.qty}:${row.total_cents}`) }));
  });
  lines.on('close', () => process.stdout.write(out.map((line) => line + '\n').join('')));
}
