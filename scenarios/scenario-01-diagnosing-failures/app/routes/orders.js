const db = require('../db');

const PAGE_SIZE = 20;

// GET /customers/:id/orders: the account page's order history, newest first.
async function listForCustomer(customerId) {
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
}

// GET /orders/:id
async function findById(orderId) {
  const rows = await db.query(
    'SELECT id, customer_id, status, total_cents, created_at FROM orders WHERE id = $1',
    [orderId],
  );
  return rows[0] || null;
}

module.exports = { listForCustomer, findById };
