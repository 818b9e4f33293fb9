// An hour of the demo's alarm burden: run against `fajma demo` (BASE, default http://127.0.0.1:5000), this plays the
// demo doctor for MINUTES (60): it acknowledges each alert 20–90 s after it is raised and resolves by hand, as not
// actionable, any still open 10 minutes after it was raised. Then read GET /api/v1/patients/{id}/alarm-burden?days=1
// (docs/alarm-profiles.md, "The alarm burden").
const base = process.env.BASE ?? 'http://127.0.0.1:5000';
const until = Date.now() + Number(process.env.MINUTES ?? 60) * 60_000;
const ackAfter = new Map();
async function token() {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'doctor@fajma.demo', password: 'fajma-demo' }) });
  return (await r.json()).accessToken;
}
let acked = 0, resolved = 0;
while (Date.now() < until) {
  try {
    const h = { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' };
    const open = await (await fetch(`${base}/api/v1/alerts?status=active`, { headers: h })).json();
    for (const a of open) {
      if (a.kind === 'system') continue;
      const age = Date.now() - Date.parse(a.raisedAt);
      if (!ackAfter.has(a.id)) ackAfter.set(a.id, 20_000 + Math.random() * 70_000);
      if (a.status === 'raised' && age > ackAfter.get(a.id)) {
        if ((await fetch(`${base}/api/v1/alerts/${a.id}/acknowledge`, { method: 'POST', headers: h })).ok) acked++;
      } else if (age > 600_000) {
        const r = await fetch(`${base}/api/v1/alerts/${a.id}/resolve`, { method: 'POST', headers: h, body: JSON.stringify({ note: 'Settled before I looked', outcome: 'not_actionable' }) });
        if (r.ok) resolved++;
      }
    }
  } catch (e) { console.error(new Date().toISOString(), String(e)); }
  await new Promise((r) => setTimeout(r, 10_000));
}
console.log(`acknowledged ${acked}, resolved by hand ${resolved}`);
