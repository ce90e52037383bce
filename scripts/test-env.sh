#!/usr/bin/env bash
# The environment the tests run in, sourced by scripts/test.sh and scripts/test-fast.sh.

# The tests run with production settings (DEBUG off), but over plain HTTP on loopback.
export DEBUG=false
export SECRET_KEY="test-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
# A fresh key per run, as production has its own: identity details are encrypted with it.
export IDENTITY_ENCRYPTION_KEYS="$(python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')"
export ALLOWED_HOSTS="testserver,localhost,127.0.0.1"
export SECURE_SSL_REDIRECT=false
export VAR_DIR="$PWD/var/test"
# The suite posts many forms from one address within a minute: the rate limit is
# off here, and tests/intersessional/test_abuse.py turns it on where it is tested.
export RATELIMIT_POSTS=0
unset INTERSESSIONAL_NOW REDIS_URL EMAIL_HOST
