-- Loaded by infra/local/bin/infra into the PostgreSQL database behind FerretDB.
--
-- Why: FerretDB v1 pushes a filter such as {streamId: "x"} down to PostgreSQL as
--   _jsonb -> 'streamId' @> '"x"'
-- but builds every index the client asks for as a btree on (_jsonb -> 'field'),
-- which PostgreSQL cannot use for @>. Every filtered find, update and delete
-- therefore scans the whole table. This event trigger gives each such btree key
-- a GIN twin on the same expression, which serves @> directly. The services
-- declare exactly the indexes they would declare for MongoDB; nothing in them
-- knows about this. Dropping a collection drops the twins with the table.
CREATE OR REPLACE FUNCTION mms_ferretdb_gin_mirror() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  cmd record;
  idx record;
  k int;
  expr text;
  field text;
  gin_name text;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands()
             WHERE command_tag = 'CREATE INDEX' AND object_type = 'index' LOOP
    SELECT i.indrelid, i.indnkeyatts, am.amname, n.nspname, t.relname
      INTO idx
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_am am ON am.oid = c.relam
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE i.indexrelid = cmd.objid;
    -- only FerretDB's btrees; our own GIN twins land here too and are skipped
    CONTINUE WHEN idx IS NULL OR idx.amname <> 'btree';
    FOR k IN 1 .. idx.indnkeyatts LOOP
      expr := pg_get_indexdef(cmd.objid, k, true);
      field := substring(expr FROM '^\(?_jsonb -> ''((?:[^'']|'''')+)''::text\)?$');
      CONTINUE WHEN field IS NULL;
      field := replace(field, '''''', '''');
      gin_name := left(idx.relname, 30) || '_gin_' || left(md5(field), 12);
      EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin ((_jsonb -> %L))',
                     gin_name, idx.nspname, idx.relname, field);
    END LOOP;
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS mms_ferretdb_gin_mirror;
CREATE EVENT TRIGGER mms_ferretdb_gin_mirror ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION mms_ferretdb_gin_mirror();
