-- A programme's slug names it in URLs (`/p/{slug}/…`). An existing programme gets one
-- from its name (æ, ø, å spelled out, spaces as hyphens); a name that leaves anything
-- else, or a slug another programme got first, falls back to `programme-` and the
-- first eight hex digits of its id.
ALTER TABLE programmes ADD COLUMN slug TEXT NOT NULL DEFAULT '';
UPDATE programmes SET slug = lower(replace(replace(replace(replace(replace(replace(replace(
    trim(name), ' ', '-'), 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'));
UPDATE programmes SET slug = 'programme-' || lower(hex(substr(id, 1, 4)))
WHERE length(slug) < 2 OR length(slug) > 40 OR slug GLOB '*[^a-z0-9-]*'
   OR slug LIKE '-%' OR slug LIKE '%-' OR slug LIKE '%--%'
   OR EXISTS (SELECT 1 FROM programmes o WHERE o.slug = programmes.slug
              AND (o.created_at, o.id) < (programmes.created_at, programmes.id));
CREATE UNIQUE INDEX programmes_by_slug ON programmes (slug);
