"""Turning a source record (a dict of columns) into profile field values, following a source's mapping rules.

A rule: {"source": "Nom", "field": "title", "transform": "trim"}. `source` may be a dotted path into nested
records ("address.postalCode"). Transforms:

- trim (the default): strip spaces; empty becomes "";
- lower / upper;
- split: a list, cut on `separator` (default ","), for tags, languages, social links, equipment;
- categories: a list of category slugs, cut on `separator`, each value translated through `values`
  ({"Alimentation": "food"}); a value that is a category's slug or its name in any language (ignoring case and
  accents: "alimentation", "Voeding") needs no entry; values that are none of these are reported and left out;
- combine: join several columns (`parts`) with `separator` (default " "), e.g. street + number.

A rule may give `default`, used when the column is empty.
"""

import unicodedata

from django.utils.translation import gettext as _

from incommon_cms.directory.models import PROFILE_MODELS, AlternativePage

TRANSFORMS = {"trim", "lower", "upper", "split", "categories", "combine"}
LIST_FIELDS = {"categories", "tags", "languages"}
MULTILINE_FIELDS = {"social_links", "equipment"}


def importable_fields(profile_type):
    """The fields an import may fill: those a member edits on this kind of profile (`ProfilePage.data_fields`)."""
    return PROFILE_MODELS.get(profile_type, AlternativePage).data_fields()


def validate_mapping(mapping, profile_type):
    """Error messages for a mapping, or an empty list."""
    if not isinstance(mapping, list):
        return [_("The mapping must be a list of rules.")]
    errors = []
    allowed = importable_fields(profile_type)
    fields = set()
    for position, rule in enumerate(mapping, start=1):
        if not isinstance(rule, dict):
            errors.append(_("Rule %(n)s is not an object.") % {"n": position})
            continue
        field = rule.get("field")
        transform = rule.get("transform", "trim")
        if field not in allowed:
            errors.append(_("Rule %(n)s: unknown profile field “%(field)s”.") % {"n": position, "field": field})
        if transform not in TRANSFORMS:
            errors.append(_("Rule %(n)s: unknown transform “%(t)s”.") % {"n": position, "t": transform})
        if transform == "combine" and not isinstance(rule.get("parts"), list):
            errors.append(_("Rule %(n)s: “combine” needs a list of parts.") % {"n": position})
        elif transform != "combine" and not rule.get("source") and "default" not in rule:
            errors.append(_("Rule %(n)s: give the source column.") % {"n": position})
        fields.add(field)
    if mapping and "title" not in fields:
        errors.append(_("Map a column to the title (the name of the profile)."))
    return errors


def lookup(record, path):
    """A value from a record by column name or dotted path; None when missing (or when the record is no record)."""
    if isinstance(record, dict) and path in record:
        return record[path]
    value = record
    for part in str(path).split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def as_text(value):
    """A value as text; nested records become readable lines ("key: value"), never Python's repr."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dict):
        return "\n".join(
            f"{key}: {as_text(item)}" if not str(key).isdigit() else as_text(item)
            for key, item in value.items()
            if as_text(item)
        )
    if isinstance(value, list):
        return ", ".join(as_text(item) for item in value)
    return str(value).strip()


def split_values(value, separator):
    if isinstance(value, list):
        return [as_text(item) for item in value if as_text(item)]
    return [part.strip() for part in as_text(value).split(separator) if part.strip()]


def label_key(text):
    """A label compared without case, accents nor surrounding spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(decomposed.lower().split())


def apply_mapping(record, mapping, known_category_slugs=frozenset()):
    """(values, warnings): the profile field values for one record, and notes about values left out.

    `known_category_slugs` is the set of category slugs, or a dict from `label_key` of a slug or name to the slug."""
    if not isinstance(known_category_slugs, dict):
        known_category_slugs = {label_key(slug): slug for slug in known_category_slugs}
    slugs = set(known_category_slugs.values())
    values, warnings = {}, []
    for rule in mapping:
        field = rule["field"]
        transform = rule.get("transform", "trim")
        separator = rule.get("separator")
        if transform == "combine":
            parts = [as_text(lookup(record, part)) for part in rule["parts"]]
            value = (separator if separator is not None else " ").join(part for part in parts if part)
        else:
            raw = lookup(record, rule["source"]) if rule.get("source") else None
            if transform in {"split", "categories"}:
                value = split_values(raw, separator or ",")
            else:
                value = as_text(raw)
                if transform == "lower":
                    value = value.lower()
                elif transform == "upper":
                    value = value.upper()
        if value in ("", []) and "default" in rule:
            value = rule["default"]
        if transform == "categories":
            translated = []
            for item in value:
                slug = rule.get("values", {}).get(item, item)
                slug = slug if slug in slugs else known_category_slugs.get(label_key(slug), slug)
                if slug in slugs:
                    translated.append(slug)
                elif slug:
                    warnings.append(_("Unknown category “%(value)s” left out.") % {"value": item})
            value = translated
        if field in LIST_FIELDS or field in MULTILINE_FIELDS:
            if not isinstance(value, list):
                value = split_values(value, separator or ",")
            existing = values.get(field, [])
            value = list(dict.fromkeys(existing + value))
        values[field] = value
    for field in MULTILINE_FIELDS:
        if field in values:
            values[field] = "\n".join(values[field])
    return values, warnings
