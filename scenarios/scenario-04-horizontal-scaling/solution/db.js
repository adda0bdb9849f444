// Database access for the quote API: the fixed version.
const fs = require('node:fs');
const path = require('node:path');
const { Pool } = require('pg');

// WHY 5: the database role allows 20 connections in total, and every replica has its own pool. With 3 replicas,
// 3 x 5 = 15 leaves room for a deploy that briefly runs a fourth, for migrations and for a psql session. The old
// POOL_SIZE of 12 was sized for one replica: three of them could open 36, and PostgreSQL answered the excess with
// "too many connections for role". Set POOL_SIZE from the budget divided by the replicas, not per replica in isolation.
// TRADE-OFF: smaller pools queue more requests inside each replica; since quotes hold a connection only for two short
// queries (see quotes.js), 5 is plenty.
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE || 5),
  connectionTimeoutMillis: 3000,
});

pool.on('error', (err) => console.error('idle database connection failed:', err.message));

async function migrate() {
  const sql = fs.readFileSync(path.join(__dirname, 'db', 'migrate.sql'), 'utf8');
  if (sql.trim()) await pool.query(sql);
}

module.exports = { pool, migrate };
