const crypto = require('node:crypto');
const { promisify } = require('node:util');
const { pool } = require('./db');

const pbkdf2 = promisify(crypto.pbkdf2);

// The checkout only accepts quotes it can verify: each quote carries a signature derived from the quote's terms
// with a deliberately expensive key derivation, so that signatures cannot be forged by brute force.
const SIGNING_SECRET = process.env.QUOTE_SECRET || 'quote-signing-secret';
const SIGNING_ROUNDS = 12000;

// Fake fix (wrong meaning): one HMAC is thousands of times cheaper than the key derivation, so one replica keeps up.
// The quote keeps its shape, but the checkout, which verifies the derivation, rejects every signature.
async function sign(terms) {
  return crypto.createHmac('sha256', SIGNING_SECRET).update(terms).digest('hex');
}

// GET /quotes/:productId?qty=N: the price for N units with the volume discount, signed.
//
// WHY: the original held its database connection (inside a transaction) while it computed the signature, which is
// the slow, CPU-bound part. Under a burst every queued quote held a connection doing nothing, and the pools grew to
// their limit. Now the transaction covers only the two reads that must agree; the connection goes back to the pool
// before the signature is computed.
async function quote(productId, qty) {
  const terms = await readTerms(productId, qty);
  if (!terms) return null;
  return { ...terms, signature: await sign(`${productId}:${qty}:${terms.total_cents}`) };
}

async function readTerms(productId, qty) {
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
    await client.query('COMMIT');
    return {
      product_id: productId,
      qty,
      unit_price_cents: unitPrice,
      discount_pct: discount,
      total_cents: Math.round((unitPrice * qty * (100 - discount)) / 100),
    };
  } finally {
    client.release();
  }
}

module.exports = { quote };
