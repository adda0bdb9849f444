// Activity API: GET /users/:id/events?kind=login, GET /events/:id
const http = require('node:http');
const db = require('./db');
const activity = require('./activity');

const port = Number(process.env.PORT || 3000);

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  let match = url.pathname.match(/^\/users\/(\d+)\/events$/);
  if (req.method === 'GET' && match) {
    const events = await activity.recentForUser(Number(match[1]), url.searchParams.get('kind') || 'page_view');
    return send(res, 200, { userId: Number(match[1]), events });
  }
  match = url.pathname.match(/^\/events\/(\d+)$/);
  if (req.method === 'GET' && match) {
    const event = await activity.findEvent(Number(match[1]));
    return event ? send(res, 200, event) : send(res, 404, { error: 'not found' });
  }
  send(res, 404, { error: 'not found' });
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
