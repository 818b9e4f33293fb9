#!/usr/bin/env node
// Prints N distinct ports free right now on 127.0.0.1, space-separated: `read -r a b c < <(node scripts/free-ports.mjs 3)`.
// As LoopbackPorts in the server: all N are held open together until printed, so no two are the same (probing port 0
// twice may hand back the same port), and they come from below Linux's ephemeral range (32768–60999), where no outgoing
// connection or other bind to port 0 takes them back before the servers they are meant for bind them.
import net from "node:net";

const first = 20_000, last = 32_767;
const count = Number(process.argv[2] ?? 1);
if (!Number.isInteger(count) || count < 1 || count > 100) {
  console.error("usage: free-ports.mjs N (1 to 100)");
  process.exit(2);
}

const listen = (port) => new Promise((resolve) => {
  const server = net.createServer();
  server.once("error", () => resolve(null));
  server.listen(port, "127.0.0.1", () => resolve(server));
});

const held = new Map();
for (let attempt = 0; held.size < count && attempt < 1_000; attempt++) {
  const port = first + Math.floor(Math.random() * (last - first + 1));
  if (held.has(port)) continue;
  const server = await listen(port);
  if (server) held.set(port, server);
}
if (held.size < count) {
  console.error(`free-ports: found ${held.size} of ${count} free ports between ${first} and ${last}`);
  process.exit(1);
}
console.log([...held.keys()].join(" "));
for (const server of held.values()) server.close();
