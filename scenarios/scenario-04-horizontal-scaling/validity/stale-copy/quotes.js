// Validity variant (stale copy): "the catalogue changes once a quarter", so each replica reads every product's base
// price and discount tiers once, at its first quote, and prices every quote from that copy. Quotes are still signed
// properly, but a price or discount changed after that is never seen.
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

let priceList = null;

// Every product's base price, and its tiers sorted from the highest min_qty down.
async function loadPriceList() {
  const products = await pool.query('SELECT id, base_price_cents FROM products');
  const tiers = await pool.query('SELECT product_id, min_qty, discount_pct FROM price_tiers ORDER BY min_qty DESC');
  const byId = new Map(products.rows.map((row) => [row.id, { unitPrice: row.base_price_cents, tiers: [] }]));
  for (const tier of tiers.rows) {
    const product = byId.get(tier.product_id);
    if (product) product.tiers.push(tier);
  }
  return byId;
}

// One load per replica; a failed load is forgotten so that the next quote tries again.
function prices() {
  if (!priceList) {
    priceList = loadPriceList().catch((err) => {
      priceList = null;
      throw err;
    });
  }
  return priceList;
}

// GET /quotes/:productId?qty=N: the price for N units with the volume discount, signed.
async function quote(productId, qty) {
  const product = (await prices()).get(productId);
  if (!product) return null;
  const tier = product.tiers.find((t) => t.min_qty <= qty);
  const discount = tier ? tier.discount_pct : 0;
  const total = Math.round((product.unitPrice * qty * (100 - discount)) / 100);
  return {
    product_id: productId,
    qty,
    unit_price_cents: product.unitPrice,
    discount_pct: discount,
    total_cents: total,
    signature: await sign(`${productId}:${qty}:${total}`),
  };
}

module.exports = { quote };
