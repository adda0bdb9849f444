// Database access. One pool for the whole process (see scenario 1).
const fs = require('node:fs');
const path = require('node:path');
const { Pool } = require('pg');

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE || 10),
  connectionTimeoutMillis: 3000,
});

pool.on('error', (err) => console.error('idle database connection failed:', err.message));

async function query(text, params = []) {
  const result = await pool.query(text, params);
  return result.rows;
}

// Applies db/migrate.sql at every start, so each statement in it must be safe to repeat.
async function migrate() {
  const sql = fs.readFileSync(path.join(__dirname, 'db', 'migrate.sql'), 'utf8');
  if (sql.trim()) await query(sql);
}

module.exports = { query, migrate };
