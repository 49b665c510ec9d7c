"""The shipped table of Brussels communes and postcodes, and the communes' shapes (see data/SOURCES.md)."""

import csv
import json
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
POSTCODES_CSV = DATA_DIR / "brussels_postcodes.csv"
COMMUNES_GEOJSON = DATA_DIR / "brussels_communes.geojson"


def load_reference_data(commune_model, postcode_model):
    """Create or update the 19 communes and 22 postcodes. Idempotent."""
    with POSTCODES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        commune, _ = commune_model.objects.update_or_create(
            nis_code=row["commune_nis"],
            defaults={"name_fr": row["commune_fr"], "name_nl": row["commune_nl"], "in_brussels_region": True},
        )
        postcode_model.objects.update_or_create(
            code=row["postcode"],
            defaults={
                "commune": commune,
                "locality_fr": row["locality_fr"],
                "locality_nl": row["locality_nl"],
                "latitude": float(row["lat"]),
                "longitude": float(row["lon"]),
            },
        )
    return len(rows)


@lru_cache(maxsize=1)
def commune_shapes():
    """The 19 communes as {nis: [rings of (lon, lat)]}, from the shipped GeoJSON."""
    data = json.loads(COMMUNES_GEOJSON.read_text(encoding="utf-8"))
    shapes = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        shapes[feature["properties"]["nis"]] = [ring for polygon in polygons for ring in polygon]
    return shapes
