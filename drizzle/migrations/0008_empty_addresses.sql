-- Custom migration: an address with nothing but its type, primary or display (Entra sends a work
-- address of nulls) is no address. The API no longer stores such entries; this drops the ones it
-- stored before, so that a provider's GET-then-PUT of those users is not a change.
UPDATE "memberships" AS m
SET "scim" = CASE WHEN c.kept = '[]'::jsonb THEN m."scim" - 'addresses' ELSE jsonb_set(m."scim", '{addresses}', c.kept) END
FROM (
  SELECT "id", coalesce(jsonb_agg(entry ORDER BY position) FILTER (
      -- CASE, not OR: PostgreSQL may evaluate OR's operands in any order, and jsonb_object_keys
      -- raises on an entry that is not an object.
      WHERE CASE WHEN jsonb_typeof(entry) <> 'object' THEN true
        ELSE EXISTS (SELECT 1 FROM jsonb_object_keys(entry) AS key WHERE key NOT IN ('type', 'primary', 'display')) END
    ), '[]'::jsonb) AS kept
  FROM "memberships", jsonb_array_elements("scim" -> 'addresses') WITH ORDINALITY AS list(entry, position)
  WHERE jsonb_typeof("scim" -> 'addresses') = 'array'
  GROUP BY "id"
) AS c
WHERE m."id" = c."id" AND c.kept IS DISTINCT FROM m."scim" -> 'addresses';
