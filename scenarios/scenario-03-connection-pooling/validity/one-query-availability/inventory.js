// Alternative fix: no manual checkout; availability is one query, so a connection is lent for one round trip only.
const { pool } = require('./db');

async function product(sku) {
  const { rows } = await pool.query('SELECT sku, name, stock FROM products WHERE sku = $1', [sku]);
  return rows[0] || null;
}

async function availability(sku, qty) {
  const { rows } = await pool.query(
    `SELECT p.sku, p.stock,
            p.stock - coalesce((SELECT sum(r.qty) FROM reservations r WHERE r.sku = p.sku), 0) >= $2 AS available
       FROM products p WHERE p.sku = $1`,
    [sku, qty],
  );
  return rows[0] || null;
}

module.exports = { product, availability };
