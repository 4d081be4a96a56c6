"""The ML Roadmap content model, in plain Python.

Nothing in this package imports MkDocs: the hook modules beside it (``hooks/*.py``) are thin
adapters that feed it page sources and log the problems it returns. That keeps the roadmap's
rules testable with plain strings and cheap to move to another site generator.
"""
