// Database access for the orders API.
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const connectionString = process.env.DATABASE_URL;

// Runs one query and returns its rows. Opens a fresh connection each time so that a broken connection can never
// leak from one request into the next.
async function query(text, params = []) {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const result = await client.query(text, params);
    return result.rows;
  } finally {
    await client.end();
  }
}

// Applies db/migrate.sql. It runs at every start, so each statement in it must be safe to repeat.
async function migrate() {
  const sql = fs.readFileSync(path.join(__dirname, 'db', 'migrate.sql'), 'utf8');
  if (sql.trim()) await query(sql);
}

module.exports = { query, migrate };
