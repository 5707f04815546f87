"""Translation management: the overview of every app's translatable items × fr/es/ar, the
side-by-side editor, translators' assignments and the XLIFF/PO round trip with outside
translators. It composes every app, so it lives on the top floor; the records that say whether
a translation is outdated live on the ground floor (members/translation_records.py)."""
