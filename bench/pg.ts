/** The benchmark's own PostgreSQL databases: created, copied from a template and dropped through the server's `postgres` database. */
import pg from "pg";

export function dbName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`benchmark database names are lower-case words (${name})`);
  return name;
}

export function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDb(url, "postgres") });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

export async function databaseExists(url: string): Promise<boolean> {
  const name = dbName(url);
  return admin(
    url,
    async (c) => (await c.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1,
  );
}

export async function dropDatabase(url: string): Promise<void> {
  const name = dbName(url);
  await admin(url, (c) => c.query(`drop database if exists "${name}" with (force)`));
}

/** Creates the database (empty, or a copy of `template`), dropping an existing one first when `replace`. */
export async function createDatabase(url: string, opts: { replace?: boolean; template?: string } = {}): Promise<void> {
  const name = dbName(url);
  await admin(url, async (c) => {
    if (opts.replace) await c.query(`drop database if exists "${name}" with (force)`);
    await c.query(`create database "${name}"${opts.template ? ` template "${opts.template}"` : ""}`);
  });
}

/** Whether the database holds anything besides what migrations put there (users, in practice). */
export async function hasUsers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t = await c.query("select to_regclass('public.users') as t");
    if (!t.rows[0]?.t) return false;
    return ((await c.query("select exists (select 1 from users) as e")).rows[0] as { e: boolean }).e;
  } finally {
    await c.end();
  }
}
