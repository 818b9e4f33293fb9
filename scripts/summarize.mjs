// Adds up every suite's results and prints one closing line: "N passed, N failed".
// A suite whose result file is missing (it crashed or never ran) counts as one failure.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const suites = [];
const add = (name, passed, failed) => suites.push({ name, passed, failed });
const missing = name => add(`${name} (no results: the suite did not run)`, 0, 1);

const failedTests = [];
const unxml = text => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const dotnetDir = join(dir, 'dotnet');
const trx = existsSync(dotnetDir) ? readdirSync(dotnetDir).filter(f => f.endsWith('.trx')) : [];
if (trx.length === 0) missing('C# tests');
for (const file of trx) {
  const xml = readFileSync(join(dotnetDir, file), 'utf8');
  const counters = xml.match(/<Counters [^>]*>/)?.[0] ?? '';
  const n = k => Number(counters.match(new RegExp(`${k}="(\\d+)"`))?.[1] ?? 0);
  const name = xml.match(/storage="[^"]*\/([^/"]+)\.dll"/i)?.[1] ?? file;
  add(name, n('passed'), n('failed') + n('error') + n('timeout') + n('aborted'));
  // Each failed test's message and the top of its stack, here as well: the C# section may be out of the part CI shows.
  for (const [, test, body] of xml.matchAll(/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="Failed"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
    const part = tag => unxml(body.match(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`))?.[1] ?? '').split('\n').filter(Boolean);
    failedTests.push(`${name}: ${unxml(test)}\n${[...part('Message').slice(0, 12), ...part('StackTrace').slice(0, 6)].join('\n')}`);
  }
}

const json = (file, name, read) => existsSync(join(dir, file)) ? read(JSON.parse(readFileSync(join(dir, file), 'utf8'))) : missing(name);
json('web-unit.json', 'web unit tests (vitest)', r => add('web unit tests (vitest)', r.numPassedTests, r.numFailedTests));
// A failed browser test's error and stack, printed here: CI shows the end of the output, and the traces stay on its machine.
const why = [];
const plain = text => (text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
const failures = (suite, name) => {
  for (const spec of suite.specs ?? [])
    for (const test of spec.tests)
      for (const result of test.results.filter(x => x.status !== 'passed' && x.status !== 'skipped'))
        why.push(`${name}: [${test.projectName}] ${spec.file}:${spec.line} › ${spec.title} (${result.status})\n`
          + (result.errors ?? []).map(e => plain(e.message ?? e.stack).split('\n').slice(0, 30).join('\n')).join('\n')
          // What the pages logged (the specs print their console errors): the last lines.
          + (result.stdout ?? []).map(o => plain(o.text)).join('').split('\n').filter(Boolean).slice(-10).map(l => `\n  | ${l}`).join(''));
  for (const child of suite.suites ?? []) failures(child, name);
};
const e2e = (file, name) => json(file, name, r => {
  add(name, r.stats.expected + (r.stats.flaky ?? 0), r.stats.unexpected);
  r.suites.forEach(s => failures(s, name));
});
e2e('e2e.json', 'browser tests (Playwright)');
e2e('e2e-rolling.json', 'browser test: rolling restart of the cluster (Playwright)');
e2e('e2e-mfa-required.json', 'browser test: a second factor required by policy (Playwright)');
// GoogleTest's XML report (the firmware's host tests): the totals on its <testsuites> element.
const gtest = (file, name) => {
  if (!existsSync(join(dir, file))) return missing(name);
  const totals = readFileSync(join(dir, file), 'utf8').match(/<testsuites [^>]*>/)?.[0] ?? '';
  const n = k => Number(totals.match(new RegExp(` ${k}="(\\d+)"`))?.[1] ?? 0);
  add(name, n('tests') - n('failures') - n('errors') - n('disabled') - n('skipped'), n('failures') + n('errors'));
};
gtest('firmware.xml', 'firmware host tests (C++, GoogleTest)');
const fuzz = join(dir, 'fuzz.txt');
if (existsSync(fuzz)) {
  const lines = readFileSync(fuzz, 'utf8').split('\n');
  add('firmware fuzzing (libFuzzer)', lines.filter(l => l.startsWith('ok ')).length, lines.filter(l => l.startsWith('FAIL')).length);
} else missing('firmware fuzzing (libFuzzer)');

const contract = join(dir, 'contract.txt');
if (existsSync(contract)) {
  const lines = readFileSync(contract, 'utf8').split('\n');
  add('contract check', lines.filter(l => l.startsWith('ok ')).length, lines.filter(l => l.startsWith('FAIL')).length);
} else missing('contract check');

// The short fuzzing pass: each parser is one result, passed when AFL++ ran it and found no crash and no hang.
json('fuzz/fuzz-results.json', 'fuzzing (SharpFuzz + AFL++)', r => r.forEach(t =>
  add(`fuzzing ${t.target}: ${t.executions} executions, ${t.crashes} crashes, ${t.hangs} hangs`, t.executions > 0 && !t.crashes && !t.hangs ? 1 : 0,
    t.executions > 0 && !t.crashes && !t.hangs ? 0 : 1)));

for (const extra of ['build', 'firmware-build', 'demo'].filter(s => existsSync(join(dir, `${s}.failed`)))) add(`${extra} step`, 0, 1);

if (failedTests.length) console.log(`Why the C# tests failed:\n${failedTests.join('\n\n')}\n`);
if (why.length) console.log(`Why the browser tests failed:\n${why.join('\n\n')}\n`);
for (const s of suites) console.log(`${String(s.passed).padStart(5)} passed ${String(s.failed).padStart(3)} failed  ${s.name}`);
const passed = suites.reduce((a, s) => a + s.passed, 0);
const failed = suites.reduce((a, s) => a + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
