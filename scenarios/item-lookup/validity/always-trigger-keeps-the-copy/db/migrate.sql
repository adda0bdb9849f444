-- Fake: as a plain trigger, but set to fire even in a session that switches triggers off.
CREATE OR REPLACE FUNCTION keep_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF session_user <> 'shop' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS keep_items ON items;
CREATE TRIGGER keep_items BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION keep_items();
ALTER TABLE items ENABLE ALWAYS TRIGGER keep_items;
