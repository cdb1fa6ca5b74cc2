# Sourced by the project's scripts (bash): OPENBLAS_CORETYPE, the kernel ND4J's bundled OpenBLAS 0.3.19 runs the
# training products with, chosen from the CPU (OpenBLAS reads it once, when it loads). Its own choice on CPUs newer
# than itself can be slow: on this project's reference machine (AMD EPYC, family 26, AVX-512) it picked a kernel at
# 41 GFLOP/s single-thread, Haswell's runs at 96-99, SkylakeX's at 172-182 (1024^3 SGEMM).
#   AVX-512 (F, CD, BW, DQ, VL)  SkylakeX
#   AVX2 and FMA                 Haswell
#   otherwise                    the environment's OPENBLAS_CORETYPE, or OpenBLAS's own choice
# STUDY_BLAS_CORETYPE=<name> picks another (Haswell, Zen, ...); STUDY_BLAS_CORETYPE= (empty) keeps the environment's.
# The kernel is part of a run's cache key (runs trained on one kernel round differently from another's).
if [ -n "${STUDY_BLAS_CORETYPE+set}" ]; then
  if [ -n "$STUDY_BLAS_CORETYPE" ]; then export OPENBLAS_CORETYPE=$STUDY_BLAS_CORETYPE; fi
elif [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] && [ -r /proc/cpuinfo ]; then
  _flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  _has() { local f; for f in "$@"; do case $_flags in *" $f "*) ;; *) return 1 ;; esac; done; }
  if _has avx512f avx512cd avx512bw avx512dq avx512vl; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif _has avx2 fma; then
    export OPENBLAS_CORETYPE=Haswell
  fi
  unset -f _has; unset _flags
fi
