// Validity variant (stale copy): "10,000 products fit in memory", so the first request loads every product and the
// quantity its reservations hold, and every answer after that comes from this snapshot. No connection is held by a
// request any more, and no change to stock or reservations is ever seen.
const { pool } = require('./db');

let snapshot = null;

async function load() {
  const products = await pool.query('SELECT sku, name, stock FROM products');
  const reserved = await pool.query('SELECT sku, sum(qty)::int AS reserved FROM reservations GROUP BY sku');
  const bySku = new Map(products.rows.map((row) => [row.sku, { ...row, reserved: 0 }]));
  for (const row of reserved.rows) {
    const product = bySku.get(row.sku);
    if (product) product.reserved = row.reserved;
  }
  return bySku;
}

// One load for all requests; a failed load is forgotten so that the next request tries again.
function catalogue() {
  if (!snapshot) {
    snapshot = load().catch((err) => {
      snapshot = null;
      throw err;
    });
  }
  return snapshot;
}

// GET /products/:sku
async function product(sku) {
  const found = (await catalogue()).get(sku);
  return found ? { sku: found.sku, name: found.name, stock: found.stock } : null;
}

// GET /products/:sku/availability?qty=N: can the storefront promise N more units?
async function availability(sku, qty) {
  const found = (await catalogue()).get(sku);
  if (!found) return null;
  return { sku, stock: found.stock, available: found.stock - found.reserved >= qty };
}

module.exports = { product, availability };
