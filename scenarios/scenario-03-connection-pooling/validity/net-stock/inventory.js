// Fake fix (wrong meaning): the leak is fixed, and "stock" becomes what is left after reservations, read in one query.
// The answers keep their shape, but the shelf stock the warehouse counts is gone from them.
const { pool } = require('./db');

const NET = `SELECT p.sku, p.name,
                    p.stock - coalesce((SELECT sum(r.qty) FROM reservations r WHERE r.sku = p.sku), 0)::int AS stock
               FROM products p WHERE p.sku = $1`;

async function product(sku) {
  const { rows } = await pool.query(NET, [sku]);
  return rows[0] || null;
}

async function availability(sku, qty) {
  const { rows } = await pool.query(NET, [sku]);
  if (rows.length === 0) return null;
  return { sku, stock: rows[0].stock, available: rows[0].stock >= qty };
}

module.exports = { product, availability };
