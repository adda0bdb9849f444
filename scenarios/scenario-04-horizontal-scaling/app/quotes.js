const crypto = require('node:crypto');
const { promisify } = require('node:util');
const { pool } = require('./db');

const pbkdf2 = promisify(crypto.pbkdf2);

// The checkout only accepts quotes it can verify: each quote carries a signature derived from the quote's terms
// with a deliberately expensive key derivation, so that signatures cannot be forged by brute force.
const SIGNING_SECRET = process.env.QUOTE_SECRET || 'quote-signing-secret';
const SIGNING_ROUNDS = 12000;

async function sign(terms) {
  const key = await pbkdf2(terms, SIGNING_SECRET, SIGNING_ROUNDS, 32, 'sha256');
  return key.toString('hex');
}

// GET /quotes/:productId?qty=N: the price for N units with the volume discount, signed.
// Runs in one transaction so that price and discount come from the same snapshot.
async function quote(productId, qty) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const { rows } = await client.query('SELECT id, base_price_cents FROM products WHERE id = $1', [productId]);
    if (rows.length === 0) {
      await client.query('ROLLBACK');
      return null;
    }
    const tiers = await client.query(
      `SELECT discount_pct FROM price_tiers
        WHERE product_id = $1 AND min_qty <= $2
        ORDER BY min_qty DESC LIMIT 1`,
      [productId, qty],
    );
    const unitPrice = rows[0].base_price_cents;
    const discount = tiers.rows.length ? tiers.rows[0].discount_pct : 0;
    const total = Math.round((unitPrice * qty * (100 - discount)) / 100);
    const signature = await sign(`${productId}:${qty}:${total}`);
    await client.query('COMMIT');
    return {
      product_id: productId,
      qty,
      unit_price_cents: unitPrice,
      discount_pct: discount,
      total_cents: total,
      signature,
    };
  } finally {
    client.release();
  }
}

module.exports = { quote };
