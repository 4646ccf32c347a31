"""Data tables of the flattened infobox: its labels, header rows and glued tokens.

Like :mod:`.furniture`, for any article -- no entry may be specific to one
article.  Labels are written as Wikipedia renders them; the flattening drops
stopwords and glues "In office" to the date after it.
"""

from __future__ import annotations

#: Infobox labels, longest first when they share words.  ``office`` is Wikipedia's
#: "In office", which the flattening glues to the following date ("office13 march 1918").
INFOBOX_LABELS: tuple[str, ...] = (
    "personal details",
    "political party",
    "other political affiliations",
    "alma mater",
    "resting place",
    "cause of death",
    "years of service",
    "known for",
    "notable work",
    "notable works",
    "notable ideas",
    "main interests",
    "prime minister",
    "vice president",
    "preceded by",
    "succeeded by",
    "preceded",
    "succeeded",
    "premier",
    "president",
    "monarch",
    "deputy",
    "leader",
    "born",
    "died",
    "citizenship",
    "nationality",
    "spouses",
    "spouse",
    "children",
    "parents",
    "relatives",
    "education",
    "occupation",
    "profession",
    "allegiance",
    "branch",
    "rank",
    "battles",
    "awards",
    "signature",
    "website",
    "religion",
    "residence",
    "era",
    "region",
    "school",
    "influences",
    "influenced",
    "nickname",
    "other names",
    # scientists and academics
    "scientific career",
    "academic background",
    "academic work",
    "fields",
    "institutions",
    "thesis",
    "doctoral advisor",
    "doctoral advisors",
    "doctoral students",
    "other academic advisors",
    "notable students",
    "discipline",
    # settlements
    "coat of arms",
    "country",
    "state",
    "county",
    "district",
    "province",
    "municipality",
    "founded",
    "incorporated",
    "city rights",
    "government",
    "mayor",
    "area code",
    "area",
    "elevation",
    "population",
    "density",
    "demonym",
    "time zone",
    "postal code",
    # companies and organisations
    "type",
    "traded as",
    "industry",
    "predecessor",
    "successor",
    "founders",
    "founder",
    "headquarters",
    "area served",
    "key people",
    "products",
    "services",
    "revenue",
    "operating income",
    "net income",
    "total assets",
    "total equity",
    "owner",
    "number of employees",
    "parent",
    "subsidiaries",
)

#: Labels whose value is one or more people's names (used to tell where an
#: office title starts after the value).
PERSON_LABELS = frozenset(
    {
        "preceded",
        "preceded by",
        "succeeded",
        "succeeded by",
        "premier",
        "president",
        "monarch",
        "deputy",
        "leader",
        "prime minister",
        "vice president",
        "spouse",
        "spouses",
        "doctoral advisor",
        "doctoral advisors",
        "doctoral students",
        "notable students",
    }
)

#: Rows that are section headers of the infobox, not label/value pairs.
INFOBOX_HEADERS = frozenset(
    {"personal details", "scientific career", "academic background", "academic work", "government"}
)

#: Label written for the glued "In office" token.
OFFICE_TOKEN = "office"
OFFICE_LABEL = "In office"

#: A web address in an infobox starts with this; the sentence splitter cuts it at
#: every dot ("www" / "example" / "org ...").
WEB_PREFIX = "www"
WEBSITE_LABEL = "website"
