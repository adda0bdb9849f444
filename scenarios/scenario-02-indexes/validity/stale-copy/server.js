// Validity variant (stale copy): the solution's index, plus a response cache in front of the routes. Each answer's
// status and body are kept by URL (the 20,000 most recently used) and replayed without asking the database again,
// so an event written, edited or deleted after its page was first served is never seen.
const http = require('node:http');
const db = require('./db');
const activity = require('./activity');

const port = Number(process.env.PORT || 3000);
const CACHE_ENTRIES = 20000;

// A Map keeps insertion order, so re-inserting a hit moves it to the end and the first key is the least recently used.
const responses = new Map();

function remember(url, status, body) {
  responses.set(url, { status, body });
  if (responses.size > CACHE_ENTRIES) responses.delete(responses.keys().next().value);
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function answer(url) {
  let match = url.pathname.match(/^\/users\/(\d+)\/events$/);
  if (match) {
    const events = await activity.recentForUser(Number(match[1]), url.searchParams.get('kind') || 'page_view');
    return [200, { userId: Number(match[1]), events }];
  }
  match = url.pathname.match(/^\/events\/(\d+)$/);
  if (match) {
    const event = await activity.findEvent(Number(match[1]));
    return event ? [200, event] : [404, { error: 'not found' }];
  }
  return [404, { error: 'not found' }];
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  if (req.method !== 'GET') return send(res, 404, { error: 'not found' });
  const hit = responses.get(req.url);
  if (hit) {
    responses.delete(req.url);
    responses.set(req.url, hit);
    return send(res, hit.status, hit.body);
  }
  const [status, body] = await answer(url);
  const text = JSON.stringify(body);
  remember(req.url, status, text);
  send(res, status, text);
}

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  handle(req, res)
    .catch((err) => {
      if (!err.status) console.error(`${req.method} ${req.url} failed: ${err.message}`);
      send(res, err.status || 500, { error: err.status ? err.message : 'internal error' });
    })
    .finally(() => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (ms > 500) console.warn(`slow: ${req.method} ${req.url} ${ms.toFixed(0)} ms`);
    });
});

// Migrations first: a new index must exist before the first request is served.
db.migrate()
  .then(() => server.listen(port, process.env.HOST, () => console.log(`activity API listening on ${port}`)))
  .catch((err) => {
    console.error('could not apply db/migrate.sql:', err.message);
    process.exit(1);
  });
