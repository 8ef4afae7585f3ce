/*
 * Preloaded into a child process by bench-kit when BENCH_DB_METER=1 (`node --require ./benchmarks/db-meter.cjs …`):
 * counts the process's MongoDB commands by command and collection, with the time each took
 * as the driver saw it (command monitoring), and writes the tally to BENCH_DB_METER_FILE
 * (JSON `{ "<command> <collection>": [count, ms, failed] }`) every 500 ms while it changes and
 * at exit. Measurement only: the service's code is unchanged (its MongoClient gets
 * `monitorCommands` set before it connects).
 */
'use strict';
const { writeFileSync, renameSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

const file = process.env.BENCH_DB_METER_FILE;
if (file) {
  const entryDir = dirname(resolve(process.argv[1] || '.'));
  const { MongoClient } = require(require.resolve('mongodb', { paths: [entryDir, process.cwd(), __dirname] }));
  /** key → [count, total ms, failed] */
  const tally = Object.create(null);
  const started = new Map();
  let dirty = false;
  // BENCH_DB_METER_SHAPE=1: a find's filter fields in the key too (`find event_commits {page,seq}`): which query it is.
  const shape = process.env.BENCH_DB_METER_SHAPE === '1';
  const keyOf = (e) => {
    const c = e.command || {};
    const target = e.commandName === 'getMore' ? c.collection : c[e.commandName];
    const fields = shape && e.commandName === 'find' && c.filter ? ` {${Object.keys(c.filter).sort().join(',')}}` : '';
    return `${e.commandName} ${typeof target === 'string' ? target : ''}${fields}`.trim();
  };
  const done = (e, failed) => {
    const key = started.get(e.requestId) || e.commandName;
    started.delete(e.requestId);
    const t = tally[key] || (tally[key] = [0, 0, 0]);
    t[0]++;
    t[1] += e.duration || 0;
    if (failed) t[2]++;
    dirty = true;
  };
  const dump = () => {
    if (!dirty) return;
    dirty = false;
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(tally));
      renameSync(`${file}.tmp`, file);
    } catch {
      /* the next tick tries again */
    }
  };
  const connect = MongoClient.prototype.connect;
  MongoClient.prototype.connect = function (...args) {
    if (!this.__benchDbMeter) {
      this.__benchDbMeter = true;
      this.monitorCommands = true;
      this.on('commandStarted', (e) => started.set(e.requestId, keyOf(e)));
      this.on('commandSucceeded', (e) => done(e, false));
      this.on('commandFailed', (e) => done(e, true));
    }
    return connect.apply(this, args);
  };
  setInterval(dump, 500).unref();
  process.on('exit', dump);
}
