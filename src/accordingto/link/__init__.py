"""Cross-article linking: the stage between analysis and storage.

Which stored sources are one person or body across articles (:mod:`.identity`), and which
quotations are one quote carried from article to article (:mod:`.quotes`). Pure functions on
the records of :mod:`accordingto.models`; the store applies them when it writes, the query
layer when it reads.
"""
