#!/usr/bin/env bash
# The crash test (crash_recovery.sh) with processing.guarantee: exactly_once.
exec bash "$(dirname "$0")/crash_recovery.sh" "$1" "$2" exactly_once
