// Database access for the inventory API.
const fs = require('node:fs');
const path = require('node:path');
const { Pool } = require('pg');

// Plenty of headroom, so that a traffic spike never has to wait for a connection.
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
});

pool.on('error', (err) => console.error('idle database connection failed:', err.message));

async function migrate() {
  const sql = fs.readFileSync(path.join(__dirname, 'db', 'migrate.sql'), 'utf8');
  if (sql.trim()) await pool.query(sql);
}

module.exports = { pool, migrate };
