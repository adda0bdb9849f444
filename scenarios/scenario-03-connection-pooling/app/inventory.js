const { pool } = require('./db');

// GET /products/:sku
async function product(sku) {
  const { rows } = await pool.query('SELECT sku, name, stock FROM products WHERE sku = $1', [sku]);
  return rows[0] || null;
}

// GET /products/:sku/availability?qty=N: can the storefront promise N more units?
// Stock minus what open reservations already hold must cover the request.
async function availability(sku, qty) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT sku, stock FROM products WHERE sku = $1', [sku]);
  if (rows.length === 0) {
    client.release();
    return null;
  }
  const { stock } = rows[0];
  if (stock < qty) {
    // Not even the shelf has enough: no need to look at reservations.
    return { sku, stock, available: false };
  }
  const reserved = await client.query(
    'SELECT coalesce(sum(qty), 0)::int AS reserved FROM reservations WHERE sku = $1',
    [sku],
  );
  client.release();
  return { sku, stock, available: stock - reserved.rows[0].reserved >= qty };
}

module.exports = { product, availability };
