// The persistent queue: survives restarts (a new instance on the same folder), drains once, keeps failures, one drain at a time.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrackerError } from '../../client/src/askForHelp/providers/http';
import type { Destination } from '../../client/src/askForHelp/providers/types';
import { TicketQueue } from '../../client/src/askForHelp/queue';
import { sampleTicket } from './sample';

const dest: Destination = { provider: 'redmine', url: 'https://redmine.example', project: 'security' };

describe('ask for help: ticket queue', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigil-queue-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('persists across instances (an extension restart) and never stores a token', () => {
    const t = sampleTicket();
    new TicketQueue(dir).enqueue(t, dest, 'Redmine https://redmine.example', 'Redmine is unreachable');
    const again = new TicketQueue(dir).list();
    assert.equal(again.length, 1);
    assert.deepEqual(again[0].ticket, t);
    assert.equal(again[0].destination.project, 'security');
    assert.equal(again[0].lastError, 'Redmine is unreachable');
    const file = join(dir, 'ask-for-help-queue.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!/token|apiKey|X-Redmine-API-Key/i.test(readFileSync(file, 'utf8')));
  });

  it('queues the same ticket for the same destination once', () => {
    const q = new TicketQueue(dir);
    q.enqueue(sampleTicket(), dest, 'R', 'e1');
    q.enqueue(sampleTicket(), dest, 'R', 'e2');
    q.enqueue(sampleTicket('question', 'other()'), dest, 'R', 'e3');
    assert.equal(q.list().length, 2);
    assert.equal(q.list()[0].lastError, 'e2');
  });

  it('drains: removes what was filed, keeps and counts what failed', async () => {
    const q = new TicketQueue(dir);
    const ok = sampleTicket('question', 'a()');
    const bad = sampleTicket('question', 'b()');
    q.enqueue(ok, dest, 'R');
    q.enqueue(bad, dest, 'R');
    const sent: string[] = [];
    const out = await q.drain(async (item) => {
      if (item.ticket.fingerprint === bad.fingerprint) throw new TrackerError('network', 'still down');
      sent.push(item.ticket.fingerprint);
      return { ref: '#1', url: 'u', existing: false };
    });
    assert.equal(out!.length, 2);
    assert.deepEqual(sent, [ok.fingerprint]);
    const left = new TicketQueue(dir).list();
    assert.equal(left.length, 1);
    assert.equal(left[0].ticket.fingerprint, bad.fingerprint);
    assert.equal(left[0].attempts, 1);
    assert.equal(left[0].lastError, 'still down');
  });

  it('retries only the chosen items, and discards on request', async () => {
    const q = new TicketQueue(dir);
    const a = q.enqueue(sampleTicket('question', 'a()'), dest, 'R');
    const b = q.enqueue(sampleTicket('question', 'b()'), dest, 'R');
    const seen: string[] = [];
    await q.drain(async (i) => (seen.push(i.id), { ref: '#2', existing: false }), [b.id]);
    assert.deepEqual(seen, [b.id]);
    assert.deepEqual(q.list().map((i) => i.id), [a.id]);
    assert.equal(q.remove(a.id), true);
    assert.equal(q.list().length, 0);
  });

  it('lets one drain run at a time, across instances (windows) too', async () => {
    const q1 = new TicketQueue(dir);
    const q2 = new TicketQueue(dir);
    q1.enqueue(sampleTicket(), dest, 'R');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inSend = new Promise<void>((r) => (entered = r));
    const first = q1.drain(async () => {
      entered();
      await gate;
      return { ref: '#3', existing: false };
    });
    await inSend;
    assert.equal(await q2.drain(async () => assert.fail('second drain must not send')), undefined);
    assert.equal(await q1.drain(async () => assert.fail('re-entrant drain must not send')), undefined);
    release();
    assert.equal((await first)!.length, 1);
    assert.equal(q2.list().length, 0);
    assert.deepEqual(await q2.drain(async () => assert.fail('nothing left')), []);
  });
});
