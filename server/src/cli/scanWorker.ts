// Worker thread for batch scans: loads the engine and rules once, then scans the files the parent sends it.
import { parentPort, workerData } from 'worker_threads';
import { initEngine, loadRuleSet, type LoadRuleSetOptions } from '../engine';
import { scanFile, type FileScanOptions } from './scanFile';

export interface WorkerInit {
  rules: LoadRuleSetOptions;
  scan: FileScanOptions;
  wasmDir?: string;
}

/** Messages: parent -> worker `{ files: string[] }` (empty list = exit); worker -> parent `{ results }` or `{ ready }`. */
async function main(): Promise<void> {
  const init = workerData as WorkerInit;
  await initEngine({ wasmDir: init.wasmDir });
  const { ruleSet } = loadRuleSet(init.rules);
  parentPort!.on('message', (msg: { files: string[] }) => {
    if (msg.files.length === 0) {
      parentPort!.close();
      return;
    }
    const results = msg.files.map((f) => scanFile(f, ruleSet, init.scan));
    parentPort!.postMessage({ results });
  });
  parentPort!.postMessage({ ready: true });
}

main().catch((e) => {
  parentPort!.postMessage({ fatal: String((e as Error)?.stack ?? e) });
});
