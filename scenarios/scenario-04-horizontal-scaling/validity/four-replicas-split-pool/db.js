// Database access for the quote API.
const fs = require('node:fs');
const path = require('node:path');
const { Pool } = require('pg');

// Sized for this service's share of the database: the role may hold 20 connections.
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE || 4),
  connectionTimeoutMillis: 3000,
});

pool.on('error', (err) => console.error('idle database connection failed:', err.message));

async function migrate() {
  const sql = fs.readFileSync(path.join(__dirname, 'db', 'migrate.sql'), 'utf8');
  if (sql.trim()) await pool.query(sql);
}

module.exports = { pool, migrate };
