// Fake fix (stale copy): every item is kept in memory forever after its first lookup, so a changed row is never seen.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { Pool } = require('pg');

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE || 5),
  connectionTimeoutMillis: 5000,
});

const remembered = new Map();

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
    if (!remembered.has(match[1])) {
      const { rows } = await pool.query('SELECT id, sku, name, price_cents FROM items WHERE sku = $1', [match[1]]);
      remembered.set(match[1], rows[0] || null);
    }
    const item = remembered.get(match[1]);
    if (!item) return send(res, 404, { error: 'no such item' });
    return send(res, 200, item);
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
