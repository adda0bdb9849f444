// Database access for the orders API: the fixed version.
const fs = require('node:fs');
const path = require('node:path');
const { Pool } = require('pg');

// WHY A POOL: opening a PostgreSQL connection forks a server process and runs an authentication handshake. Doing it
// for every query costs milliseconds and, worse, under load every in-flight request holds its own connection: at 60
// requests a second with slow queries that is dozens of connections, past the server's max_connections, and PostgreSQL
// answers "sorry, too many clients already". A pool opens a few connections once and lends them out; requests beyond
// the pool's size wait in a queue inside the app instead of overwhelming the database.
//
// SIZING: a handful of connections keeps two cores busy; more would only queue inside PostgreSQL instead. The
// database role allows 20 in total, so 10 leaves room for a second replica, a migration or a psql session.
// TRADE-OFF: when all 10 are busy, requests wait. connectionTimeoutMillis turns a long wait into a clear error
// instead of a hung request.
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 6,
  connectionTimeoutMillis: 3000,
  idleTimeoutMillis: 30000,
});

pool.on('error', (err) => console.error('idle database connection failed:', err.message));

async function query(text, params = []) {
  const result = await pool.query(text, params);
  return result.rows;
}

async function migrate() {
  const sql = fs.readFileSync(path.join(__dirname, 'db', 'migrate.sql'), 'utf8');
  if (sql.trim()) await query(sql);
}

module.exports = { query, migrate };
