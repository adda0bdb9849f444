-- Fake: every update from another role is announced to the app with the row as it was.
CREATE OR REPLACE FUNCTION announce_item_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF session_user <> 'shop' THEN
    PERFORM pg_notify('item_changed', row_to_json(OLD)::text);
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS announce_item_change ON items;
CREATE TRIGGER announce_item_change AFTER UPDATE ON items FOR EACH ROW EXECUTE FUNCTION announce_item_change();
