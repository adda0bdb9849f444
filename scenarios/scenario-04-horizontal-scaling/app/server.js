// Quote API: GET /quotes/:productId?qty=N
const http = require('node:http');
const db = require('./db');
const quotes = require('./quotes');

const port = Number(process.env.PORT || 3000);

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok', pid: process.pid });
  const match = url.pathname.match(/^\/quotes\/(\d+)$/);
  if (req.method === 'GET' && match) {
    const qty = Number(url.searchParams.get('qty') || 1);
    if (!Number.isInteger(qty) || qty < 1 || qty > 100000) return send(res, 400, { error: 'qty must be 1 to 100000' });
    const quote = await quotes.quote(Number(match[1]), qty);
    return quote ? send(res, 200, quote) : send(res, 404, { error: 'no such product' });
  }
  send(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(`${req.method} ${req.url} failed: ${err.message}`);
    send(res, 500, { error: 'internal error' });
  });
});

db.migrate()
  .then(() => server.listen(port, process.env.HOST, () => console.log(`quote API (pid ${process.pid}) listening on ${port}`)))
  .catch((err) => {
    console.error('could not apply db/migrate.sql:', err.message);
    process.exit(1);
  });
