// The log scan test.sh runs after the suite: fails when any log line the tests captured (test hosts'
// loggers, the bridge's and the CLI's stderr, the JavaScript clients' output) holds a secret that was in
// force (the *.secrets manifests: kind, TAB, base64 value) or anything shaped like a whole JWT.
// Usage: node scan-logs.mjs <dir>. Findings name the file, the line and the kind of secret, never the value.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Shorter values are test fixtures for "too short" checks, and would match ordinary words.
const MINIMUM_SECRET_LENGTH = 12;
// Three base64url segments, the first a JSON header ({" encodes as eyJ); the signature is not empty.
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

const directory = process.argv[2];
if (!directory) {
  console.error('usage: node scan-logs.mjs <log directory>');
  process.exit(2);
}

const files = readdirSync(directory).sort();
const secrets = new Map();
for (const file of files.filter((name) => name.endsWith('.secrets'))) {
  for (const entry of readFileSync(join(directory, file), 'utf8').split('\n')) {
    const [kind, encoded] = entry.split('\t');
    const value = encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    if (value.length >= MINIMUM_SECRET_LENGTH && !secrets.has(value)) {
      secrets.set(value, kind);
    }
  }
}

const logs = files.filter((name) => name.endsWith('.log'));
let lines = 0;
const findings = [];
for (const file of logs) {
  readFileSync(join(directory, file), 'utf8').replace(/\n$/, '').split('\n').forEach((line, index) => {
    lines += 1;
    for (const [value, kind] of secrets) {
      if (line.includes(value)) {
        findings.push(`${file}:${index + 1}: contains the ${kind}`);
      }
    }

    if (JWT.test(line)) {
      findings.push(`${file}:${index + 1}: contains a whole JWT`);
    }
  });
}

// A scan of nothing proves nothing: the capture itself must have worked.
if (logs.length === 0 || lines === 0 || secrets.size === 0) {
  console.error(`log scan: nothing to scan in ${directory} (${logs.length} log files, ${lines} lines, ${secrets.size} recorded secrets): the tests wrote no logs or no secrets manifest`);
  process.exit(1);
}

for (const finding of findings) {
  console.error(`log scan: ${join(directory, finding)}`);
}

console.log(`log scan: ${lines} lines in ${logs.length} files, ${findings.length} secrets found (${secrets.size} recorded secrets and the JWT shape checked)`);
process.exit(findings.length === 0 ? 0 : 1);
