#!/usr/bin/env python3
"""scripts/openblas-env.sh picks ND4J's OpenBLAS kernel (OPENBLAS_CORETYPE) from the CPU's flags: decided on stand-in
flag lines (a `grep` stand-in answers for /proc/cpuinfo), and the overrides (STUDY_BLAS_CORETYPE). Linux x86-64 only.

    python3 tests/test_openblas_env.py
"""
import os
import platform
import subprocess
import unittest
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "openblas-env.sh"
AVX512 = "fpu sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl"


def coretype(flags=None, env=None):
    """OPENBLAS_CORETYPE after sourcing the script, with /proc/cpuinfo's flags line replaced by `flags`."""
    stub = f'grep() {{ echo "flags\t\t: {flags}"; }}; ' if flags is not None else ""
    done = subprocess.run(["bash", "-c", stub + 'source "$0" && printf %s "${OPENBLAS_CORETYPE-<unset>}"', str(SCRIPT)],
                          env=env if env is not None else clean_env(), stdout=subprocess.PIPE, text=True, check=True)
    return done.stdout


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "STUDY_BLAS_CORETYPE")}
    env.update(extra)
    return env


@unittest.skipUnless(platform.system() == "Linux" and platform.machine() == "x86_64", "the detection is for Linux x86-64")
class OpenBlasEnv(unittest.TestCase):

    def test_avx512_gets_the_skylakex_kernel(self):
        self.assertEqual("SkylakeX", coretype(AVX512))

    def test_avx2_without_every_avx512_part_gets_haswell(self):
        self.assertEqual("Haswell", coretype("fpu sse2 avx avx2 fma"))
        self.assertEqual("Haswell", coretype(AVX512.replace(" avx512vl", "")))

    def test_an_older_cpu_keeps_the_environments_choice(self):
        self.assertEqual("<unset>", coretype("fpu sse2 avx"))
        self.assertEqual("Prescott", coretype("fpu sse2 avx", clean_env(OPENBLAS_CORETYPE="Prescott")))

    def test_the_projects_setting_wins_and_empty_keeps_the_environments(self):
        self.assertEqual("Zen", coretype(AVX512, clean_env(STUDY_BLAS_CORETYPE="Zen")))
        self.assertEqual("Haswell", coretype(AVX512, clean_env(STUDY_BLAS_CORETYPE="", OPENBLAS_CORETYPE="Haswell")))

    def test_this_machines_flags(self):
        flags = next(line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags"))
        have = set(flags.split(":", 1)[1].split())
        expected = ("SkylakeX" if {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"} <= have
                    else "Haswell" if {"avx2", "fma"} <= have else "<unset>")
        self.assertEqual(expected, coretype())


if __name__ == "__main__":
    unittest.main()
