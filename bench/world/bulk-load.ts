/**
 * The bulk-load technique of `pg_restore`, inside one transaction: set a table's secondary
 * indexes, primary and unique keys and the foreign keys on or into it aside, load, then put every
 * one back from its own definition (`pg_get_indexdef`, `pg_get_constraintdef`) under its own name.
 * Building an index once over sorted rows, and checking a foreign key with one join, is several
 * times faster than maintaining them row by row; the keys and foreign keys are fully validated
 * when they come back, and since it is all one transaction a failure leaves the schema untouched.
 * Check constraints and triggers are not touched.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../src/db/database.ts';

interface SetAside {
  drop: string[];
  restore: string[];
}

async function collect(tx: Tx, tables: string[]): Promise<SetAside> {
  const oids = sql`array(select t::regclass from unnest(${sql.param(tables)}::text[]) t)`;
  const foreignKeys = await queryRows<{ drop: string; restore: string }>(
    tx,
    sql`select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname) as drop,
               format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
                 as restore
          from pg_constraint c
         where c.contype = 'f' and (c.conrelid = any(${oids}) or c.confrelid = any(${oids}))
         order by c.conname`,
  );
  const keys = await queryRows<{ drop: string; restore: string }>(
    tx,
    sql`select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname) as drop,
               format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
                 as restore
          from pg_constraint c
         where c.contype in ('p', 'u') and c.conrelid = any(${oids})
         order by c.conname`,
  );
  const indexes = await queryRows<{ drop: string; restore: string }>(
    tx,
    sql`select format('drop index %s', i.indexrelid::regclass) as drop, pg_get_indexdef(i.indexrelid) as restore
          from pg_index i
         where i.indrelid = any(${oids})
           and not exists (select 1 from pg_constraint c
                            where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))
         order by i.indexrelid::regclass::text`,
  );
  // Foreign keys go first (they depend on the keys), keys last; they come back the other way round.
  return {
    drop: [...foreignKeys, ...indexes, ...keys].map((row) => row.drop),
    restore: [...keys, ...indexes, ...foreignKeys].map((row) => row.restore),
  };
}

/** Runs `load` with the indexes, keys and foreign keys of `tables` set aside, then restores them all. */
export async function withIndexesSetAside<T>(tx: Tx, tables: string[], load: () => Promise<T>): Promise<T> {
  const { drop, restore } = await collect(tx, tables);
  for (const statement of drop) await tx.execute(sql.raw(statement));
  const result = await load();
  for (const statement of restore) await tx.execute(sql.raw(statement));
  return result;
}
