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

// Alternative fix: the price and the discount come from one statement, which sees one snapshot without a transaction,
// and the connection goes back to the pool before the signature is computed.
async function readTerms(productId, qty) {
  const { rows } = await pool.query(
    `SELECT p.base_price_cents, coalesce(t.discount_pct, 0) AS discount_pct
       FROM products p
       LEFT JOIN LATERAL (SELECT discount_pct FROM price_tiers
                           WHERE product_id = p.id AND min_qty <= $2 ORDER BY min_qty DESC LIMIT 1) t ON true
      WHERE p.id = $1`,
    [productId, qty],
  );
  if (rows.length === 0) return null;
  const { base_price_cents: unitPrice, discount_pct: discount } = rows[0];
  return {
    product_id: productId,
    qty,
    unit_price_cents: unitPrice,
    discount_pct: discount,
    total_cents: Math.round((unitPrice * qty * (100 - discount)) / 100),
  };
}

module.exports = { quote };
