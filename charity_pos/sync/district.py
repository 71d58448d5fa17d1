"""What stores and the hub share about households across a district.

The hub matches a household seen at several stores by a keyed hash of its
ID number under ONE district key, which the hub makes at ``hub init`` and
hands to each store in its trust file. Neither side ever sends the number.

Downstream bundles (kind ``hub-downstream``) carry three content files:

- ``households.jsonl``: one JSON object per line: card_number, head_name,
  id_masked, district_hash, members, category, subdistrict, valid_from,
  valid_to, status, consent_on (dates as ISO text);
- ``rules.json``: a list of quota rules with the fields of
  ``services.quotas.RuleDraft`` (limits as a list of objects);
- ``use.jsonl``: district_hash, period_key, used_fen: what each household
  took in the period at the district's OTHER stores.

Upstream store bundles may add ``households.jsonl`` with household_id (the
store's UUID) and district_hash for the store's households, so the hub can
put handouts from different stores together.
"""

from __future__ import annotations

from charity_pos.domain.identity import district_hash as district_hash

DOWNSTREAM = "hub-downstream"
HOUSEHOLDS = "households.jsonl"
RULES = "rules.json"
USE = "use.jsonl"
#: the district's stores and the transfers to this store (``sync.transfers``): sent only to a store that
#: reads it, as its upstream bundles say (``READS``), for a store of an older version refuses a part it
#: does not know
TRANSFERS = "transfers.json"
#: the downstream parts beyond the first three that this version reads: named in every upstream bundle's
#: manifest (``reads``)
READS = (TRANSFERS,)
KEY_BYTES = 32
