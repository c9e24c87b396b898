"""Demo content: ``seed_demo``, ``demo_totp`` and the per-app seeders and bulk paths.

Installed by the development and test settings only; the production settings leave it
out, so ``manage.py seed_demo`` is an unknown command there. It sits above every
product app (it may import any of them; none imports it) and creates content through
their services, except the bulk paths of ``seed_demo --scale`` that benchmarks need.
"""
