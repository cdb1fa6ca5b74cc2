#!/usr/bin/env bash
# Prints the Maven flag that picks ND4J's CPU-specific natives for this machine, or nothing for the generic ones:
#   -Djavacpp.platform.extension=-avx2   on Linux x86-64 when /proc/cpuinfo lists avx2 (ND4J 1.0.0-M2.1 publishes
#                                        linux-x86_64-avx2; its -avx512 build also exists, pass that by hand)
# Used by scripts/setup.sh: (cd lib && mvn ... $(bash ../scripts/javacpp-extension.sh)).
# JAVACPP_EXTENSION overrides the detection ("" = generic, "-avx512", ...).
if [ -n "${JAVACPP_EXTENSION+set}" ]; then
  [ -n "$JAVACPP_EXTENSION" ] && echo "-Djavacpp.platform.extension=$JAVACPP_EXTENSION"
  exit 0
fi
if [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] && grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
  echo "-Djavacpp.platform.extension=-avx2"
fi
exit 0
