const { pool } = require('./db');

async function product(sku) {
  const { rows } = await pool.query('SELECT sku, name, stock FROM products WHERE sku = $1', [sku]);
  return rows[0] || null;
}

async function availability(sku, qty) {
  const { rows } = await pool.query('SELECT sku, stock FROM products WHERE sku = $1', [sku]);
  if (rows.length === 0) return null;
  const { stock } = rows[0];
  if (stock < qty) return { sku, stock, available: false };
  const reserved = await pool.query(
    'SELECT coalesce(sum(qty), 0)::int AS reserved FROM reservations WHERE sku = $1',
    [sku],
  );
  return { sku, stock, available: stock - reserved.rows[0].reserved >= qty };
}

module.exports = { product, availability };
