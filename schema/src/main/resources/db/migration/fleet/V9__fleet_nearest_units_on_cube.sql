-- Nearest available units on cube alone (trusted since PostgreSQL 13, so a database owner that is
-- not a superuser may create it), no longer on earthdistance (untrusted). The same geometry as
-- earthdistance: a point on a sphere of earthdistance's radius (6378168 m) as a 3-D cube, whose
-- GiST index orders by straight-line (chord) distance (<->, KNN), which orders as the great-circle
-- distance does; fleet.great_circle_meters turns a chord into metres along the surface.
-- V4 still creates earthdistance on a fresh database: `dal migrate` names what a superuser must
-- run first when the owner cannot (see the README's "What a DBA provides"). cube is there since V4
-- (a CREATE EXTENSION IF NOT EXISTS here would only log a notice).
-- dal:allow missing-lock-timeout dal migrate runs every migration with its --lock-timeout and retries

CREATE FUNCTION fleet.earth_point(latitude float8, longitude float8) RETURNS public.cube
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = public, pg_catalog
    AS $$ SELECT CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL THEN
                 public.cube(ARRAY[6378168 * cos(radians(latitude)) * cos(radians(longitude)),
                                   6378168 * cos(radians(latitude)) * sin(radians(longitude)),
                                   6378168 * sin(radians(latitude))]) END $$;
COMMENT ON FUNCTION fleet.earth_point(float8, float8) IS 'A latitude and longitude as a point on the earth (a 3-D cube, metres from its centre), NULL if either is NULL.';

-- Both location forms (latitude/longitude and the product's lat/lng); NULL without coordinates.
CREATE FUNCTION fleet.location_point(location jsonb) RETURNS public.cube
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = public, pg_catalog
    AS $$ SELECT fleet.earth_point(coalesce((location ->> 'latitude')::float8, (location ->> 'lat')::float8),
                                   coalesce((location ->> 'longitude')::float8, (location ->> 'lng')::float8)) $$;
COMMENT ON FUNCTION fleet.location_point(jsonb) IS 'A location''s coordinates as a point on the earth (fleet.earth_point), NULL without coordinates; what the nearest-unit index is built on.';

CREATE FUNCTION fleet.great_circle_meters(a public.cube, b public.cube) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = public, pg_catalog
    AS $$ SELECT 2 * 6378168 * asin(least(1, public.cube_distance(a, b) / (2 * 6378168))) $$;
COMMENT ON FUNCTION fleet.great_circle_meters(public.cube, public.cube) IS 'Distance along the earth''s surface between two fleet.earth_point points, in metres (as earthdistance''s earth_distance).';

-- dal:allow index-without-concurrently assets holds one row per unit of an agency (thousands at most): the build is short
CREATE INDEX assets_available_point_gist ON fleet.assets USING gist (fleet.location_point(location))
    WHERE status = 'available' AND deleted_at IS NULL;
-- dal:allow index-without-concurrently the replacement above serves the same search
DROP INDEX fleet.assets_available_position_gist;
DROP FUNCTION fleet.location_earth(jsonb);
