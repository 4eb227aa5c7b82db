import { assertSchemaName } from './sql-database.js';

/**
 * Tables and the append function. The append is one statement (one round trip): it takes a
 * store-wide advisory lock for the rest of its transaction so that global positions become
 * visible in the order they were given out. A reader that saw position n never later finds an
 * event below n, which is what lets projections keep a single-number checkpoint.
 */
export function eventStoreDdl(schemaName: string): string {
  const s = assertSchemaName(schemaName);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.streams (
  stream_id text PRIMARY KEY,
  revision bigint NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS ${s}.event_position;
CREATE TABLE IF NOT EXISTS ${s}.events (
  position bigint PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (stream_id, revision)
);
CREATE OR REPLACE FUNCTION ${s}.append_events(
  p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
) RETURNS TABLE (next_revision bigint, last_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_current bigint;
  v_existing record;
  v_count int := cardinality(p_ids);
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('${s}.events'));

  -- A retried append (same ids, same stream, same order) answers as the first one did.
  SELECT e.stream_id, e.revision INTO v_existing FROM ${s}.events e WHERE e.event_id = p_ids[1];
  IF FOUND THEN
    IF v_existing.stream_id = p_stream AND (
      SELECT count(*) FROM ${s}.events e
      JOIN unnest(p_ids) WITH ORDINALITY AS i(id, n) ON e.event_id = i.id
      WHERE e.stream_id = p_stream AND e.revision = v_existing.revision + i.n - 1
    ) = v_count THEN
      RETURN QUERY SELECT e.revision, e.position FROM ${s}.events e
        WHERE e.stream_id = p_stream AND e.revision = v_existing.revision + v_count - 1;
      RETURN;
    END IF;
    RAISE EXCEPTION 'duplicate event id %', p_ids[1] USING ERRCODE = 'SLA02', DETAIL = p_ids[1]::text;
  END IF;

  SELECT st.revision INTO v_current FROM ${s}.streams st WHERE st.stream_id = p_stream;
  -- p_expected: NULL any, -1 no stream, n the current revision.
  IF p_expected IS NOT NULL AND (
       (p_expected = -1 AND v_current IS NOT NULL)
    OR (p_expected >= 0 AND (v_current IS NULL OR v_current <> p_expected))
  ) THEN
    RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'SLA01',
      DETAIL = coalesce(v_current::text, 'no-stream');
  END IF;

  INSERT INTO ${s}.events (position, event_id, stream_id, revision, type, data, metadata)
  SELECT nextval('${s}.event_position'), i.id, p_stream, coalesce(v_current, -1) + i.n, i.type, i.data, i.metadata
  FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS i(id, type, data, metadata, n)
  ORDER BY i.n;

  INSERT INTO ${s}.streams AS st (stream_id, revision) VALUES (p_stream, coalesce(v_current, -1) + v_count)
  ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision;

  RETURN QUERY SELECT coalesce(v_current, -1) + v_count, currval('${s}.event_position');
END
$fn$;
`;
}
