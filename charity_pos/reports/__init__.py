"""What the records add up to: the store's ledgers (台账), reports, period
figures and the trace from a donation to where it went.

Everything here reads what the services recorded and keeps no numbers of its
own. Builders take a read session and return plain tables (``table``); the
service (``services.reports``) checks who asks, and the exporters
(``charity_pos.export``) and the screens only lay them out. No Qt here.
"""
