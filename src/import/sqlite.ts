/**
 * SQLite through sql.js (WebAssembly: no native build). Loaded from node_modules at run time,
 * its .wasm read from disk by path, so nothing is bundled twice and nothing is ever fetched;
 * only `recall import` and `recall export --anki` load it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Database, SqlJsStatic } from 'sql.js';
import { BadInput } from './bad-input.js';

let engine: Promise<SqlJsStatic> | undefined;

/** sql.js, loaded once. */
export function sqlite(): Promise<SqlJsStatic> {
  if (engine === undefined) {
    const load = createRequire(import.meta.url);
    const init = load('sql.js') as (config: { wasmBinary: ArrayBuffer }) => Promise<SqlJsStatic>;
    const wasm = readFileSync(load.resolve('sql.js/dist/sql-wasm.wasm'));
    engine = init({
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
    });
  }
  return engine;
}

/**
 * Opens a copy of an Anki collection in memory. Anki's schema-18 tables declare
 * `COLLATE unicase`, a collation only Anki registers: any statement that sorts or compares those
 * columns fails with "no such collation sequence". The copy is never written back, so its
 * schema text is rewritten to drop the clause (`writable_schema`) and the copy reopened; the
 * indexes built with unicase order are then merely unused, as we only scan.
 */
export async function openCollectionDb(bytes: Uint8Array, what: string): Promise<Database> {
  const SQL = await sqlite();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
    db.exec('SELECT count(*) FROM sqlite_master');
  } catch {
    throw new BadInput(`${what} is not an SQLite database (damaged or truncated)`);
  }
  const unicase = db.exec("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%unicase%'");
  if (Number(unicase[0]?.values[0]?.[0] ?? 0) > 0) {
    db.exec('PRAGMA writable_schema = ON');
    db.exec(
      "UPDATE sqlite_master SET sql = replace(replace(sql, 'COLLATE unicase', ''), 'collate unicase', '') WHERE sql LIKE '%unicase%'",
    );
    db.exec('PRAGMA writable_schema = OFF');
    const rewritten = db.export();
    db.close();
    db = new SQL.Database(rewritten);
  }
  return db;
}

/**
 * Rows of a query as objects; a damaged page or missing table is BadInput. Each row is read as
 * an array and named here: sql.js's `getAsObject` asks SQLite for every column's name again on
 * every row (over half the time of reading 200k review-log rows).
 */
export function rows<T>(db: Database, sql: string, what: string): T[] {
  let stmt: ReturnType<Database['prepare']> | undefined;
  try {
    stmt = db.prepare(sql);
    const names = stmt.getColumnNames();
    const out: T[] = [];
    while (stmt.step()) {
      const values = stmt.get();
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
      out.push(row as T);
    }
    return out;
  } catch (e) {
    throw new BadInput(`${what} is damaged or not an Anki collection (${(e as Error).message})`);
  } finally {
    stmt?.free();
  }
}
