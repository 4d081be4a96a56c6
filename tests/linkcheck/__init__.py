"""Tests of the resource link checker (mlroadmap.linkcheck)."""
