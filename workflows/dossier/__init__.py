"""The dossier: a case exported as one zip that proves itself without the database.

`export` writes it (a use case), `check` verifies a zip on its own (hashes, chain,
replay), `layout` is what both agree on, `archive` reads a zip without trusting it.
"""
