#!/usr/bin/env bash
# Production check for CI: gunicorn with production settings against PostgreSQL and
# Redis of its own on 127.0.0.1 (ports 5434, 6384, 8114); see check_production.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python -m tests.deploy.check_production "$@"
