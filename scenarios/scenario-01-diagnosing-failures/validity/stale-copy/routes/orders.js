// Validity variant (stale copy): the solution's pool and index, plus a short-lived cache. Every answer is kept in
// memory for 30 seconds and served from there, so a change to an order in that time is not seen: "a little stale
// is fine for an account page" is not what the shop promised.
const db = require('../db');

const PAGE_SIZE = 20;
const TTL_MS = 30000;

const cache = new Map();

async function cached(key, load) {
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.value;
  const value = await load();
  cache.set(key, { value, expires: Date.now() + TTL_MS });
  return value;
}

// Expired entries are dropped once a minute so that the cache does not grow for good.
setInterval(() => {
  const now = Date.now();
  for (const [key, entry] of cache) if (entry.expires <= now) cache.delete(key);
}, 60000).unref();

// GET /customers/:id/orders: the account page's order history, newest first.
function listForCustomer(customerId) {
  return cached(`customer:${customerId}`, async () => {
    const customers = await db.query('SELECT id, name FROM customers WHERE id = $1', [customerId]);
    if (customers.length === 0) return null;
    const orders = await db.query(
      `SELECT id, status, total_cents, created_at
         FROM orders
        WHERE customer_id = $1
        ORDER BY created_at DESC
        LIMIT ${PAGE_SIZE}`,
      [customerId],
    );
    return { customer: customers[0], orders };
  });
}

// GET /orders/:id
function findById(orderId) {
  return cached(`order:${orderId}`, async () => {
    const rows = await db.query(
      'SELECT id, customer_id, status, total_cents, created_at FROM orders WHERE id = $1',
      [orderId],
    );
    return rows[0] || null;
  });
}

module.exports = { listForCustomer, findById };
