// Orders API: the account pages call it to show a customer's orders.
const http = require('node:http');
const db = require('./db');
const orders = require('./routes/orders');

const port = Number(process.env.PORT || 3000);

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const routes = [
  [/^\/customers\/(\d+)\/orders$/, async (match) => orders.listForCustomer(Number(match[1]))],
  [/^\/orders\/(\d+)$/, async (match) => orders.findById(Number(match[1]))],
];

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/health') return send(res, 200, { status: 'ok' });
  if (req.method !== 'GET') return send(res, 405, { error: 'method not allowed' });
  for (const [pattern, handler] of routes) {
    const match = pathname.match(pattern);
    if (!match) continue;
    const body = await handler(match);
    return body === null ? send(res, 404, { error: 'not found' }) : send(res, 200, body);
  }
  send(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  const started = Date.now();
  handle(req, res)
    .catch((err) => {
      console.error(`${req.method} ${req.url} failed: ${err.message}`);
      send(res, 500, { error: 'internal error' });
    })
    .finally(() => {
      const ms = Date.now() - started;
      if (ms > 1000) console.warn(`slow request: ${req.method} ${req.url} took ${ms} ms`);
    });
});

db.migrate()
  .then(() => server.listen(port, process.env.HOST, () => console.log(`orders API listening on ${port}`)))
  .catch((err) => {
    console.error('could not apply db/migrate.sql:', err.message);
    process.exit(1);
  });
