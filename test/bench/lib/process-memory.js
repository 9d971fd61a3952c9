// Memory figures of the processes a benchmark started: RSS from /proc, the JS heap through the inspector protocol.
import { readdirSync, readFileSync } from 'node:fs';
import WebSocket from 'ws';

/** VmRSS of a process in bytes, or undefined when it is gone. */
export const rssBytes = (pid) => {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
};

const parentOf = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
};

const commandLine = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

/** The processes below `root` whose command line matches `pattern`: e.g. Chromium's renderers below this benchmark. */
export const descendantsMatching = (root, pattern) => {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const parents = new Map(pids.map((pid) => [pid, parentOf(pid)]));
  const below = (pid) => {
    for (let parent = parents.get(pid); parent !== undefined && parent > 1; parent = parents.get(parent)) if (parent === root) return true;
    return false;
  };
  return pids.filter((pid) => below(pid) && pattern.test(commandLine(pid)));
};

/** A Node process started with --inspect=127.0.0.1:0 prints its address; the first one in `text` is that process's. */
export const inspectorAddress = (text) => /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(text)?.[1];

/** The JS heap's used and total bytes of the Node process behind `address`, after a full garbage collection. */
export const nodeHeapAfterGc = async (address) => {
  const socket = new WebSocket(address);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const send = (method) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${method}: no answer within 10 s`)), 10_000);
      const onMessage = (data) => {
        const message = JSON.parse(data.toString());
        if (message.id !== id) return;
        socket.off('message', onMessage);
        clearTimeout(timer);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await send('HeapProfiler.collectGarbage');
    const { usedSize, totalSize } = await send('Runtime.getHeapUsage');
    return { used: usedSize, total: totalSize };
  } finally {
    socket.close();
  }
};

export const megabytes = (bytes) => (bytes === undefined ? '   n/a' : `${(bytes / 1024 / 1024).toFixed(1).padStart(6)} MB`);
