// Spreads a batch scan over worker threads (one per core), or scans in-process when the batch is small.
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { RuleSet } from '../engine';
import { scanFile, type FileScanResult } from './scanFile';
import type { WorkerInit } from './scanWorker';

export interface PoolOptions {
  init: WorkerInit;
  /** The rule set already loaded in this thread, used for small batches. */
  ruleSet: RuleSet;
  /** Path of the bundled worker script (dist/scanWorker.js). */
  workerScript: string;
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

const BATCH = 16;
const IN_PROCESS_BELOW = 40;

export async function scanFiles(files: string[], opts: PoolOptions): Promise<FileScanResult[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? (os.availableParallelism?.() ?? os.cpus().length), Math.ceil(files.length / BATCH)));
  const results: FileScanResult[] = new Array(files.length);
  if (files.length < IN_PROCESS_BELOW || threads === 1) {
    for (let i = 0; i < files.length; i++) {
      if (opts.isCancelled?.()) break;
      results[i] = scanFile(files[i], opts.ruleSet, opts.init.scan);
      opts.onProgress?.(i + 1, files.length);
    }
    return results.filter(Boolean);
  }
  let next = 0;
  let done = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const w = new Worker(path.resolve(opts.workerScript), { workerData: opts.init });
      let batchStart = 0;
      let batchLen = 0;
      const send = () => {
        if (opts.isCancelled?.() || next >= files.length) {
          w.postMessage({ files: [] });
          return;
        }
        batchStart = next;
        batchLen = Math.min(BATCH, files.length - next);
        next += batchLen;
        w.postMessage({ files: files.slice(batchStart, batchStart + batchLen) });
      };
      w.on('message', (m: { ready?: boolean; results?: FileScanResult[]; fatal?: string }) => {
        if (m.fatal) {
          reject(new Error(m.fatal));
          void w.terminate();
          return;
        }
        if (m.results) {
          m.results.forEach((r, i) => (results[batchStart + i] = r));
          done += m.results.length;
          opts.onProgress?.(done, files.length);
        }
        send();
      });
      w.on('error', reject);
      w.on('exit', () => resolve());
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return results.filter(Boolean);
}
