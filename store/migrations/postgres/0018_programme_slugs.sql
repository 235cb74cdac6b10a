-- A programme's slug names it in URLs (`/p/{slug}/…`). An existing programme gets one
-- from its name (æ, ø, å spelled out, spaces as hyphens); a name that leaves anything
-- else, or a slug another programme got first, falls back to `programme-` and the
-- first eight hex digits of its id.
ALTER TABLE programmes ADD COLUMN slug TEXT NOT NULL DEFAULT '';
UPDATE programmes SET slug = lower(replace(replace(replace(replace(replace(replace(replace(
    trim(name), ' ', '-'), 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'));
UPDATE programmes p SET slug = 'programme-' || substr(replace(p.id::text, '-', ''), 1, 8)
WHERE length(p.slug) < 2 OR length(p.slug) > 40 OR p.slug ~ '[^a-z0-9-]'
   OR p.slug LIKE '-%' OR p.slug LIKE '%-' OR p.slug LIKE '%--%'
   OR EXISTS (SELECT 1 FROM programmes o WHERE o.slug = p.slug
              AND (o.created_at, o.id) < (p.created_at, p.id));
CREATE UNIQUE INDEX programmes_by_slug ON programmes (slug);
