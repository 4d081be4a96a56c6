"""Build-time notebook execution: a cache keyed on what matters, parallel runs, slim pages.

- :mod:`mlroadmap.notebooks.fingerprint`: what a notebook's outputs depend on.
- :mod:`mlroadmap.notebooks.cache`: executed notebooks stored with jupyter-cache.
- :mod:`mlroadmap.notebooks.execute`: parallel execution with nbclient, timeouts, failures.
- :mod:`mlroadmap.notebooks.report`: the execution report.
- :mod:`mlroadmap.notebooks.slim`: notebook HTML without inline CSS, scripts and base64 images.
- :mod:`mlroadmap.notebooks.markdown`: the Python blocks of a Markdown page as a notebook.
- :mod:`mlroadmap.notebooks.outputs`: a block's outputs as HTML under it, figures as files.
- :mod:`mlroadmap.notebooks.pages`: executed topic pages, through the same pipeline.
"""
