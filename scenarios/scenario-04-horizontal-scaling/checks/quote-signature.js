// The reference signature of a quote, for the correctness check: one JSON line in ({"values": ..., "row": ...}, the
// quote's terms as the database has them), one JSON line out ({"signature": ...}), in order. It derives the signature
// exactly as the checkout verifies it, so a cheaper signature (fewer rounds, another hash) does not match.
const crypto = require('node:crypto');
const readline = require('node:readline');

const SIGNING_SECRET = process.env.QUOTE_SECRET || 'quote-signing-secret';
const SIGNING_ROUNDS = 12000;

const lines = readline.createInterface({ input: process.stdin });
const out = [];
lines.on('line', (line) => {
  if (!line.trim()) return;
  const { row } = JSON.parse(line);
  const terms = `${row.product_id}:${row.qty}:${row.total_cents}`;
  const signature = crypto.pbkdf2Sync(terms, SIGNING_SECRET, SIGNING_ROUNDS, 32, 'sha256').toString('hex');
  out.push(JSON.stringify({ signature }));
});
lines.on('close', () => process.stdout.write(out.map((line) => line + '\n').join('')));
