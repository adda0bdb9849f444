// A hostile learner's app, for the sandbox tests: each endpoint tries one kind of escape and reports what it got.
// GET /probe?plan=<base64 JSON {files, connects, writes, postgres}> tries them all; /fork, /fill, /hog and
// /db-fill?mb=N try the limits.
const http = require('node:http');
const fs = require('node:fs');
const net = require('node:net');
const { spawn } = require('node:child_process');
const { Client } = require('pg');

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function tryConnect(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1500 });
    socket.on('connect', () => { socket.destroy(); resolve('CONNECTED'); });
    socket.on('timeout', () => { socket.destroy(); resolve('TIMEOUT'); });
    socket.on('error', (err) => resolve(err.code || err.message));
  });
}

async function tryPostgres(host, port, password) {
  const client = new Client({ host, port, user: 'postgres', password, database: 'postgres',
    connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return 'CONNECTED';
  } catch (err) {
    return err.code || err.message;
  }
}

function attempt(fn) {
  try { return 'OK ' + String(fn()).slice(0, 200); } catch (err) { return err.code || err.message; }
}

async function probe(plan) {
  const out = { files: {}, writes: {}, connects: {}, postgres: {} };
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  out.uid = process.getuid();
  out.gid = process.getgid();
  out.capEff = (status.match(/CapEff:\s*(\S+)/) || [])[1];
  out.noNewPrivs = (status.match(/NoNewPrivs:\s*(\S+)/) || [])[1];
  out.processesSeen = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).length;
  out.environ = Object.keys(process.env).sort();
  for (const file of plan.files) out.files[file] = attempt(() => fs.readFileSync(file, 'utf8'));
  for (const dir of plan.lists || []) out.files[dir] = attempt(() => fs.readdirSync(dir).join(','));
  for (const file of plan.writes) out.writes[file] = attempt(() => { fs.writeFileSync(file, 'pwned'); return 'written'; });
  await Promise.all(plan.connects.map(async ([host, port]) => {
    out.connects[host + ':' + port] = await tryConnect(host, port);
  }));
  // All at once, as the connects: a target that drops packets costs its timeout, once.
  await Promise.all(plan.postgres.flatMap(([host, port]) => ['', 'postgres', 'shop', 'provingground'].map(
    async (password) => { out.postgres[host + ':' + port + '/' + password] = await tryPostgres(host, port, password); })));
  return out;
}

// Starts processes until the system refuses one; reports how many ran at once.
function forkBomb() {
  return new Promise((resolve) => {
    const children = [];
    let refused = null;
    for (let i = 0; i < 2000 && !refused; i++) {
      try {
        const child = spawn('sleep', ['30'], { stdio: 'ignore' });
        child.on('error', (err) => { refused = refused || err.code; });
        children.push(child);
      } catch (err) {
        refused = err.code || err.message;
      }
    }
    setTimeout(() => {
      const running = children.filter((child) => child.pid && child.exitCode === null && !child.killed).length;
      children.forEach((child) => { try { child.kill('SIGKILL'); } catch (err) { /* gone */ } });
      resolve({ running, refused });
    }, 1500);
  });
}

// Writes into /tmp until the disk refuses; reports how much it got.
function fill() {
  const chunk = Buffer.alloc(1024 * 1024, 1);
  let written = 0;
  let refused = null;
  try {
    const fd = fs.openSync('/tmp/filler', 'w');
    for (let i = 0; i < 4096; i++) { fs.writeSync(fd, chunk); written += chunk.length; }
    fs.closeSync(fd);
  } catch (err) {
    refused = err.code || err.message;
  }
  try { fs.unlinkSync('/tmp/filler'); } catch (err) { /* not there */ }
  return { written, refused };
}

// Writes about mb megabytes of rows into its own database, until the database refuses; reports how much it got.
async function fillDatabase(mb) {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  let written = 0;
  let refused = null;
  try {
    await client.connect();
    for (let i = 0; i < Math.min(mb, 4096) / 16; i++) {
      // A table per 128 MB, each file well below the file-size limit; rows of 1 kB, too short to be compressed.
      const table = 'filler_' + Math.floor(i / 8);
      await client.query('CREATE TABLE IF NOT EXISTS ' + table + ' (payload text)');
      await client.query('INSERT INTO ' + table + " SELECT repeat(md5(n::text), 32) FROM generate_series(1, 16000) AS n");
      written += 16;
    }
  } catch (err) {
    refused = err.code || err.message;
  }
  try { await client.end(); } catch (err) { /* gone */ }
  return { writtenMb: written, refused };
}

const hoard = [];

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  try {
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (url.pathname === '/probe') {
      return send(res, 200, await probe(JSON.parse(Buffer.from(url.searchParams.get('plan'), 'base64').toString())));
    }
    if (url.pathname === '/fork') return send(res, 200, await forkBomb());
    if (url.pathname === '/fill') return send(res, 200, fill());
    if (url.pathname === '/db-fill') return send(res, 200, await fillDatabase(Number(url.searchParams.get('mb'))));
    if (url.pathname === '/hog') {
      // Touches every page, so the memory is really used, until the kernel stops it.
      for (let i = 0; i < 8192; i++) hoard.push(Buffer.alloc(1024 * 1024, i % 255));
      return send(res, 200, { hoarded: hoard.length });
    }
    send(res, 404, { error: 'not found' });
  } catch (err) {
    send(res, 500, { error: err.message });
  }
}).listen(Number(process.env.PORT), process.env.HOST, () => console.log('hostile app listening'));
