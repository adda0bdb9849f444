// Database access for the inventory API: the fixed version.
const fs = require('node:fs');
const path = require('node:path');
const { Pool } = require('pg');

// POOL SIZE: the database lets this app's role hold 20 connections in total (and the server 25). A pool of 50 can
// never have 50: past 20, every new connection fails with "too many connections for role". A pool must fit inside the
// budget, with room left for migrations, a psql session and, later, a second replica. Ten connections keep one CPU's
// worth of queries busy; requests beyond that wait in the pool's queue, which is cheap, instead of failing.
//
// TIMEOUT: without connectionTimeoutMillis a request waits for a free connection forever. When connections leak or
// the database stalls, requests pile up silently until clients give up. Two seconds turns that into a fast, visible
// error that the logs and the error rate show at once.
// TRADE-OFF: under a genuine overload, some requests now fail after 2 s instead of succeeding after 5; that is the
// behaviour you want, because a user who waited 5 s has usually left, and the queue stays bounded.
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  connectionTimeoutMillis: 2000,
  idleTimeoutMillis: 30000,
});

pool.on('error', (err) => console.error('idle database connection failed:', err.message));

async function migrate() {
  const sql = fs.readFileSync(path.join(__dirname, 'db', 'migrate.sql'), 'utf8');
  if (sql.trim()) await pool.query(sql);
}

module.exports = { pool, migrate };
