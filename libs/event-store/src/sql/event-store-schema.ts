import { assertSchemaName } from './sql-database.js';

/**
 * Tables and the append function. An append is one statement (one round trip).
 *
 * Global order without serialising commits: writers of one stream queue on a per-stream lock held
 * to commit; across streams, a store-wide lock is held only while a writer takes its transaction
 * id and its positions, so that position order equals transaction-id order among writers. Readers
 * then only return events whose transaction is older than every transaction still running
 * (`pg_snapshot_xmin`): any writer that could still commit a lower position has a lower id, so it
 * is finished, and a reader that saw position n never later finds an event below n. That keeps
 * projections' checkpoints a single number while writers commit (and flush) concurrently.
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
  transaction_id xid8 NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (stream_id, revision)
);
-- Stores created before transaction ids were kept: their events are all long committed.
ALTER TABLE ${s}.events ADD COLUMN IF NOT EXISTS transaction_id xid8 NOT NULL DEFAULT '0';
CREATE OR REPLACE FUNCTION ${s}.append_events(
  p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
) RETURNS TABLE (next_revision bigint, last_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_current bigint;
  v_existing record;
  v_count int := cardinality(p_ids);
  v_xid xid8;
  v_positions bigint[];
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('${s}.stream'), hashtext(p_stream));

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

  -- Session-level, released at once: only the taking of ids and positions is serialised.
  PERFORM pg_advisory_lock(hashtext('${s}.positions'));
  BEGIN
    v_xid := pg_current_xact_id();
    SELECT array_agg(nextval('${s}.event_position') ORDER BY g) INTO v_positions FROM generate_series(1, v_count) AS g;
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    PERFORM pg_advisory_unlock(hashtext('${s}.positions'));
    RAISE;
  END;
  PERFORM pg_advisory_unlock(hashtext('${s}.positions'));

  INSERT INTO ${s}.events (position, event_id, stream_id, revision, type, data, metadata, transaction_id)
  SELECT v_positions[i.n], i.id, p_stream, coalesce(v_current, -1) + i.n, i.type, i.data, i.metadata, v_xid
  FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS i(id, type, data, metadata, n)
  ORDER BY i.n;

  INSERT INTO ${s}.streams AS st (stream_id, revision) VALUES (p_stream, coalesce(v_current, -1) + v_count)
  ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision;

  RETURN QUERY SELECT coalesce(v_current, -1) + v_count, v_positions[v_count];
END
$fn$;
`;
}
