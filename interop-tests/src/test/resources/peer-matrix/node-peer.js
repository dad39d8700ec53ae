// Node's tls module as a peer of the SecureChannel peer matrix (interop-tests, PeerMatrixTest).
//   node node-peer.js server CONFIG_JSON   prints "PORT n", echoes one connection, then exits
//   node node-peer.js client CONFIG_JSON   sends standard input, writes what comes back to standard output
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
  const server = tls.createServer(opts, (socket) => {
    socket.on('error', (e) => console.error('error ' + e.message));
    socket.on('close', () => server.close());
    socket.pipe(socket);
  });
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
  const socket = tls.connect(opts, () => process.stdin.pipe(socket, { end: false }));
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
