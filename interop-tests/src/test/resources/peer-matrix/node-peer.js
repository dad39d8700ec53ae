// Node's tls module as a peer of the SecureChannel peer matrix (interop-tests, PeerMatrixTest).
//   node node-peer.js server CONFIG_JSON   prints "PORT n", echoes cfg.connections connections (one by default), then
//                                          exits; sessions resume by ticket or by session ID (a cache kept here)
//   node node-peer.js client CONFIG_JSON   sends standard input, writes what comes back to standard output; with
//                                          cfg.sessionOut saves the session (ticket) it gets, with cfg.sessionIn resumes one
// Diagnostics (the SNI received, errors) go to standard error.
'use strict';
const tls = require('tls');
const fs = require('fs');

const role = process.argv[2];
const cfg = JSON.parse(process.argv[3]);
const opts = { minVersion: cfg.version, maxVersion: cfg.version };
if (cfg.alpn.length > 0) opts.ALPNProtocols = cfg.alpn;
if (cfg.groups) opts.ecdhCurve = cfg.groups;
if (cfg.cert) {
  opts.cert = fs.readFileSync(cfg.cert);
  opts.key = fs.readFileSync(cfg.key);
}
opts.ca = fs.readFileSync(cfg.ca);

if (role === 'server') {
  if (cfg.requireCert) {
    opts.requestCert = true;
    opts.rejectUnauthorized = true;
  }
  opts.SNICallback = (name, cb) => {
    console.error('sni=' + name);
    cb(null, null);
  };
  let left = cfg.connections || 1;
  const server = tls.createServer(opts, (socket) => {
    socket.on('error', (e) => console.error('error ' + e.message));
    socket.on('close', () => {
      if (--left === 0) server.close();
    });
    socket.pipe(socket);
  });
  // TLS 1.2 session-ID resumption needs a cache, which Node leaves to the application.
  const sessions = new Map();
  server.on('newSession', (id, data, cb) => {
    sessions.set(id.toString('hex'), data);
    cb();
  });
  server.on('resumeSession', (id, cb) => cb(null, sessions.get(id.toString('hex')) || null));
  server.on('tlsClientError', (e) => {
    console.error('tlsClientError ' + e.message);
    server.close();
  });
  server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
  setTimeout(() => process.exit(3), 30000).unref();
} else {
  opts.host = '127.0.0.1';
  opts.port = cfg.port;
  opts.servername = cfg.servername;
  opts.checkServerIdentity = (host, cert) => tls.checkServerIdentity(cfg.servername, cert);
  if (cfg.sessionIn) opts.session = fs.readFileSync(cfg.sessionIn);
  const socket = tls.connect(opts, () => {
    if (cfg.sessionIn) console.error('reused=' + socket.isSessionReused());
    process.stdin.pipe(socket, { end: false });
  });
  if (cfg.sessionOut) socket.on('session', (session) => fs.writeFileSync(cfg.sessionOut, session));
  socket.on('data', (d) => process.stdout.write(d));
  socket.on('error', (e) => {
    console.error('error ' + e.message);
    process.exit(1);
  });
  // No process.exit here: it would cut off standard output still being written; the process ends by itself
  // once the socket is closed and the harness closes standard input.
  socket.on('end', () => socket.end());
  socket.on('close', () => process.stdin.destroy());
  setTimeout(() => process.exit(3), 30000).unref();
}
