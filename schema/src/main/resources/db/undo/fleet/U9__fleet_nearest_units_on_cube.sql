-- Undoes V9: the nearest-unit search stands on earthdistance again (installed by V4, which U9
-- does not remove). Keeps every row: only a function set and an index change.
CREATE FUNCTION fleet.location_earth(location jsonb) RETURNS public.earth
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = public, pg_catalog
    AS $$ SELECT public.ll_to_earth(coalesce((location ->> 'latitude')::float8, (location ->> 'lat')::float8),
                                     coalesce((location ->> 'longitude')::float8, (location ->> 'lng')::float8)) $$;
COMMENT ON FUNCTION fleet.location_earth(jsonb) IS 'A location''s coordinates as a point on the earth (earthdistance), NULL without coordinates; what the nearest-unit index is built on.';
CREATE INDEX assets_available_position_gist ON fleet.assets USING gist (fleet.location_earth(location))
    WHERE status = 'available' AND deleted_at IS NULL;
DROP INDEX fleet.assets_available_point_gist;
DROP FUNCTION fleet.great_circle_meters(public.cube, public.cube);
DROP FUNCTION fleet.location_point(jsonb);
DROP FUNCTION fleet.earth_point(float8, float8);
