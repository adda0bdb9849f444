-- Fake: only the app's own role may change an item; anyone else's update is turned into a no-op.
CREATE OR REPLACE FUNCTION keep_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF session_user <> 'shop' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS keep_items ON items;
CREATE TRIGGER keep_items BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION keep_items();
