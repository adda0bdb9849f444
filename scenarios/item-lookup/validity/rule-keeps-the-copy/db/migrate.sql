-- Fake: updates from any role but the app's do nothing.
CREATE OR REPLACE RULE keep_items AS ON UPDATE TO items WHERE session_user <> 'shop' DO INSTEAD NOTHING;
