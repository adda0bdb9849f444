// Inventory API: GET /products/:sku, GET /products/:sku/availability?qty=N
const http = require('node:http');
const db = require('./db');
const inventory = require('./inventory');

const port = Number(process.env.PORT || 3000);

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  let match = url.pathname.match(/^\/products\/([A-Z0-9-]+)\/availability$/);
  if (req.method === 'GET' && match) {
    const qty = Number(url.searchParams.get('qty') || 1);
    if (!Number.isInteger(qty) || qty < 1) return send(res, 400, { error: 'qty must be a positive whole number' });
    const answer = await inventory.availability(match[1], qty);
    return answer ? send(res, 200, answer) : send(res, 404, { error: 'no such product' });
  }
  match = url.pathname.match(/^\/products\/([A-Z0-9-]+)$/);
  if (req.method === 'GET' && match) {
    const product = await inventory.product(match[1]);
    return product ? send(res, 200, product) : send(res, 404, { error: 'no such product' });
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
  .then(() => server.listen(port, process.env.HOST, () => console.log(`inventory API listening on ${port}`)))
  .catch((err) => {
    console.error('could not apply db/migrate.sql:', err.message);
    process.exit(1);
  });
