const db = require('./db');

const KINDS = new Set(['page_view', 'login', 'purchase', 'password_reset']);
const PAGE_SIZE = 20;

// The "Recent activity" page: a user's latest events of one kind, newest first.
// The security page calls it with kind=login and kind=password_reset.
async function recentForUser(userId, kind) {
  if (!KINDS.has(kind)) throw Object.assign(new Error(`unknown kind ${kind}`), { status: 400 });
  return db.query(
    `SELECT id, kind, detail, created_at
       FROM events
      WHERE user_id = $1 AND kind = $2
      ORDER BY created_at DESC
      LIMIT ${PAGE_SIZE}`,
    [userId, kind],
  );
}

async function findEvent(eventId) {
  const rows = await db.query('SELECT id, user_id, kind, detail, created_at FROM events WHERE id = $1', [eventId]);
  return rows[0] || null;
}

module.exports = { recentForUser, findEvent };
