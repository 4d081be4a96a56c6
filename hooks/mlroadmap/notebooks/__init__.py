"""Build-time notebook execution: a cache keyed on what matters, parallel runs, slim pages.

- ``mlroadmap.notebooks.settings``: what the ``ROADMAP_NOTEBOOK*`` environment variables ask for.
- ``mlroadmap.notebooks.pipeline``: the build step, ``build_notebooks`` and ``execute_notebooks``.
- ``mlroadmap.notebooks.diagnose``: files that are not notebooks (a merge conflict), and their stand-in.
- ``mlroadmap.notebooks.fingerprint``: what a notebook's outputs depend on.
- ``mlroadmap.notebooks.cache``: executed notebooks stored with jupyter-cache.
- ``mlroadmap.notebooks.execute``: parallel execution with nbclient, timeouts, failures.
- ``mlroadmap.notebooks.report``: the execution report.
- ``mlroadmap.notebooks.actions``: the download and Colab bar above a notebook page.
- ``mlroadmap.notebooks.slim``: notebook HTML without inline CSS, scripts and base64 images.
- ``mlroadmap.notebooks.markdown``: the Python blocks of a Markdown page as a notebook.
- ``mlroadmap.notebooks.outputs``: a block's outputs as HTML under it, figures as files.
- ``mlroadmap.notebooks.pages``: executed topic pages, through the same pipeline.
- ``mlroadmap.notebooks.shards``: which shard of a sharded cold build executes which page.
- ``mlroadmap.notebooks.merge``: shard caches merged into the cache the build reads.
"""
