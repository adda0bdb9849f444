// Fake fix (wrong meaning): answers the price rounded down to whole units, a cheaper answer with the same shape.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { Pool } = require('pg');

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE || 5),
  connectionTimeoutMillis: 5000,
});

async function migrate() {
  // Everything in db/migrate.sql runs at startup, so schema changes live with the code.
  const sql = fs.readFileSync(path.join(__dirname, 'db', 'migrate.sql'), 'utf8');
  if (sql.trim()) await pool.query(sql);
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  const match = url.pathname.match(/^\/items\/([A-Za-z0-9-]+)$/);
  if (req.method === 'GET' && match) {
    const { rows } = await pool.query('SELECT id, sku, name, price_cents FROM items WHERE sku = $1', [match[1]]);
    if (rows.length === 0) return send(res, 404, { error: 'no such item' });
    return send(res, 200, { ...rows[0], price_cents: Math.floor(rows[0].price_cents / 100) * 100 });
  }
  send(res, 404, { error: 'not found' });
}

migrate()
  .then(() => {
    http.createServer((req, res) => {
      handle(req, res).catch((err) => {
        console.error(err.message);
        send(res, 500, { error: err.message });
      });
    }).listen(Number(process.env.PORT), process.env.HOST, () => console.log(`listening on ${process.env.PORT}`));
  })
  .catch((err) => {
    console.error('migration failed:', err.message);
    process.exit(1);
  });
