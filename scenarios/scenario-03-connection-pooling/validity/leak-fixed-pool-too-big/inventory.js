const { pool } = require('./db');

async function product(sku) {
  const { rows } = await pool.query('SELECT sku, name, stock FROM products WHERE sku = $1', [sku]);
  return rows[0] || null;
}

// WHY: a client checked out with pool.connect() must go back with release() on EVERY path. The original returned
// early when the shelf stock was too low and never released its client: each such request leaked one connection,
// and after a few dozen the pool (and the role's 20-connection budget) was empty for good. try/finally makes the
// release impossible to forget, including when a query throws.
// ALTERNATIVE: pool.query() checks out and releases for you; use it whenever a request does not need a transaction.
async function availability(sku, qty) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT sku, stock FROM products WHERE sku = $1', [sku]);
    if (rows.length === 0) return null;
    const { stock } = rows[0];
    if (stock < qty) return { sku, stock, available: false };
    const reserved = await client.query(
      'SELECT coalesce(sum(qty), 0)::int AS reserved FROM reservations WHERE sku = $1',
      [sku],
    );
    return { sku, stock, available: stock - reserved.rows[0].reserved >= qty };
  } finally {
    client.release();
  }
}

module.exports = { product, availability };
