// Verifies the identical token with the identical secret, issuer and audience as the .NET benchmark,
// with jsonwebtoken (what the original Node server used) and jose. Prints nanoseconds per verify.
// Usage: node peers.mjs <token.json> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { jwtVerify } from 'jose';

const [tokenFile, outFile] = process.argv.slice(2);
const { token, secret, issuer, audience } = JSON.parse(readFileSync(tokenFile, 'utf8'));
const key = new TextEncoder().encode(secret);
const options = { algorithms: ['HS256'], issuer, audience };

// RUN_QUICK=1 (bench/run.sh's smoke mode): a few short rounds, to prove the harness.
const quick = process.env.RUN_QUICK === '1';
const rounds = quick ? 2 : 7;
const iterations = quick ? 1_000 : 20_000;

async function measure(name, verify) {
  for (let i = 0; i < (quick ? 500 : 5_000); i++) await verify(); // warm-up: JIT and caches
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await verify();
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.error(`${name}: median ${median.toFixed(0)} ns/op over ${samples.length} rounds of ${iterations}`);
  return median;
}

const result = {
  node: process.version,
  jsonwebtoken_ns: await measure('jsonwebtoken.verify', () => jwt.verify(token, secret, options)),
  jose_ns: await measure('jose.jwtVerify', () => jwtVerify(token, key, options)),
};
writeFileSync(outFile, JSON.stringify(result, null, 2));
