// The embedded default: cognito-local with a seeded source pool and an empty target pool, poolsync pointed at both,
// one sync started over REST, and an independent check that the target now matches the source.
// Exits 0 only when every replicable source user is in the target as it should be.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1'; // aws-sdk v2 is cognito-local's own SDK
const AWS = require('aws-sdk');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USERS = Number(process.env.DEMO_USERS ?? 200);
const children = [];

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(what, deadlineMs, probe) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch { /* not yet */ }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200)); // polling interval
  }
}

function start(name, command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  child.stdout.on('data', (d) => log.push(d));
  child.stderr.on('data', (d) => log.push(d));
  child.on('exit', (code) => { if (code && !child.stopping) console.error(`${name} exited with ${code}:\n${Buffer.concat(log)}`); });
  children.push(child);
  return { child, log: () => Buffer.concat(log).toString() };
}

function stopAll() {
  for (const child of children) { child.stopping = true; child.kill('SIGTERM'); }
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

function attributes(i) {
  const a = {
    email: `user${i}@example.com`,
    email_verified: String(i % 2 === 0),
    given_name: `Given${i}`,
    family_name: `Family${i}`,
    'custom:tenant': `tenant-${i % 5}`,
    'custom:plan': i % 4 === 0 ? 'gold' : 'free',
  };
  if (i % 3 === 0) {
    a.phone_number = `+1555${String(i).padStart(7, '0')}`;
    a.phone_number_verified = String(i % 6 === 0);
  }
  return a;
}

const toList = (a) => Object.entries(a).map(([Name, Value]) => ({ Name, Value }));
const toMap = (list) => Object.fromEntries((list ?? []).map(({ Name, Value }) => [Name, Value]));
const custom = (Name, Mutable) => ({ Name, AttributeDataType: 'String', Mutable });

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'poolsync-demo-'));
  mkdirSync(join(work, '.cognito'));
  writeFileSync(join(work, '.cognito', 'config.json'), JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
  const cognitoPort = await freePort();
  const endpoint = `http://127.0.0.1:${cognitoPort}`;
  console.log(`• starting cognito-local on ${endpoint}`);
  start('cognito-local', process.execPath, [join(root, 'node_modules/cognito-local/lib/bin/start.js')],
    { cwd: work, env: { ...process.env, PORT: String(cognitoPort), HOST: '127.0.0.1' } });
  const cognito = new AWS.CognitoIdentityServiceProvider({
    endpoint, region: 'local', credentials: new AWS.Credentials('local', 'local'),
  });
  await until('cognito-local', 60_000, () => cognito.listUserPools({ MaxResults: 1 }).promise());

  const source = (await cognito.createUserPool({
    PoolName: 'demo-source', Schema: [custom('tenant', true), custom('plan', true)],
  }).promise()).UserPool.Id;
  const target = (await cognito.createUserPool({
    PoolName: 'demo-target', Schema: [custom('tenant', true), custom('plan', true), custom('source_sub', false)],
  }).promise()).UserPool.Id;
  console.log(`• seeding ${USERS} users into source pool ${source}; target pool ${target} starts empty`);
  for (let i = 0; i < USERS; i++) {
    const Username = `user${i}`;
    await cognito.adminCreateUser({ UserPoolId: source, Username, MessageAction: 'SUPPRESS', UserAttributes: toList(attributes(i)) }).promise();
    await cognito.adminSetUserPassword({ UserPoolId: source, Username, Password: 'Demo-Passw0rd!', Permanent: true }).promise();
    if (i % 10 === 7) await cognito.adminDisableUser({ UserPoolId: source, Username }).promise();
  }
  const client = await cognito.createUserPoolClient({ UserPoolId: source, ClientName: 'signup' }).promise();
  await cognito.signUp({ ClientId: client.UserPoolClient.ClientId, Username: 'never-confirmed', Password: 'Demo-Passw0rd!',
    UserAttributes: toList({ email: 'never@example.com' }) }).promise();

  const appPort = await freePort();
  const managementPort = await freePort();
  const token = randomBytes(24).toString('hex');
  const api = `http://127.0.0.1:${appPort}`;
  console.log(`• starting poolsync on ${api}`);
  const app = start('poolsync', 'java', ['-jar', join(root, 'target/quarkus-app/quarkus-run.jar')], {
    cwd: work,
    env: {
      ...process.env,
      QUARKUS_HTTP_PORT: String(appPort), QUARKUS_HTTP_HOST: '127.0.0.1',
      // Health and metrics live on the management interface, beside the token-protected API.
      QUARKUS_MANAGEMENT_PORT: String(managementPort), QUARKUS_MANAGEMENT_HOST: '127.0.0.1',
      POOLSYNC_SOURCE_POOL_ID: source, POOLSYNC_SOURCE_ENDPOINT: endpoint,
      POOLSYNC_TARGET_POOL_ID: target, POOLSYNC_TARGET_ENDPOINT: endpoint,
      POOLSYNC_SCHEDULE_CRON: 'off', POOLSYNC_SCHEDULE_RUN_ON_START: 'false',
      // cognito-local has no identity providers to link federated users to
      POOLSYNC_FEDERATION_LINK: 'false',
      POOLSYNC_API_TOKEN: token, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
    },
  });
  await until('poolsync to be ready', 90_000,
    async () => (await fetch(`http://127.0.0.1:${managementPort}/q/health/ready`)).ok);

  const headers = { Authorization: `Bearer ${token}` };
  const started = await fetch(`${api}/sync`, { method: 'POST', headers });
  if (started.status !== 202) throw new Error(`POST /sync answered ${started.status}: ${await started.text()}`);
  const { id } = await started.json();
  console.log(`• sync ${id} started (202, Location ${started.headers.get('location')})`);
  let lastLine = '';
  const run = await until('the sync to finish', 300_000, async () => {
    const r = await (await fetch(`${api}/sync/runs/${id}`, { headers })).json();
    const c = r.counters;
    const line = `  ${r.phase.padEnd(15)} target ${c.targetScanned}  source ${c.sourceScanned}  created ${c.created}  updated ${c.updated}  failed ${c.failed}`;
    if (line !== lastLine) { console.log(line); lastLine = line; }
    return r.phase === 'DONE' || r.phase === 'FAILED' ? r : null;
  });
  console.log('• run report:');
  console.log(JSON.stringify({ phase: run.phase, counters: run.counters, skipReasons: run.skipReasons, failures: run.failures }, null, 2));

  // Independent check, through the SDK: every replicable source user is in the target with its attributes and flags.
  const list = async (pool) => (await cognito.listUsers({ UserPoolId: pool }).promise()).Users;
  const targetUsers = new Map((await list(target)).map((u) => [u.Username, u]));
  const problems = [];
  let checked = 0;
  for (const s of await list(source)) {
    if (s.UserStatus === 'UNCONFIRMED') {
      if (targetUsers.has(s.Username)) problems.push(`${s.Username}: UNCONFIRMED yet copied`);
      continue;
    }
    checked++;
    const t = targetUsers.get(s.Username);
    if (!t) { problems.push(`${s.Username}: missing from the target`); continue; }
    const want = toMap(s.Attributes);
    const got = toMap(t.Attributes);
    for (const [name, value] of Object.entries(want)) {
      if (name === 'sub') continue;
      if (got[name] !== value) problems.push(`${s.Username}: ${name} is ${got[name]}, source has ${value}`);
    }
    if (got['custom:source_sub'] !== want.sub) problems.push(`${s.Username}: custom:source_sub does not hold the source sub`);
    if (t.Enabled !== s.Enabled) problems.push(`${s.Username}: enabled ${t.Enabled}, source ${s.Enabled}`);
    if (t.UserStatus !== 'CONFIRMED') problems.push(`${s.Username}: status ${t.UserStatus}`);
  }
  if (run.phase !== 'DONE' || run.counters.failed > 0) problems.push(`the run ended ${run.phase} with ${run.counters.failed} failures`);
  if (app.log().includes(token)) problems.push('the API token appears in poolsync\'s log');
  if (problems.length) {
    console.error(`✗ target does not match the source:\n  ${problems.slice(0, 20).join('\n  ')}`);
    process.exit(1);
  }
  console.log(`✓ target matches the source: ${checked} users with their attributes, verified flags, enabled flags and source sub; 1 UNCONFIRMED user skipped with its reason`);
  process.exit(0);
}

main().catch((e) => { console.error(`✗ demo failed: ${e.stack ?? e}`); process.exit(1); });
