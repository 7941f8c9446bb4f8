"""The benchmarks keep working as the procedure changes (their figures are not judged here)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_the_engine_overhead_benchmark_runs_and_reports_a_ratio():
    result = subprocess.run([sys.executable, "bench/engine_overhead.py", "--cases", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.splitlines()[0])
    assert figures["completions"] == 7 and figures["ratio"] > 0  # 7 tasks on the path


def test_the_application_latency_benchmark_runs_and_reports_both_sides():
    result = subprocess.run([sys.executable, "bench/app_latency.py", "--cases", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.splitlines()[0])
    assert figures["completions"] == 7  # the happy path through complete_task
    assert figures["app_p50_ms"] > 0 and figures["raw_p50_ms"] > 0
    assert figures["app_cases_per_s"] > 0 and figures["ratio_p50"] > 0


def test_the_inbox_benchmark_runs_and_reports_every_tab():
    result = subprocess.run([sys.executable, "bench/inbox.py", "--sizes", "30,60",
                             "--repeat", "2"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    small, large = (json.loads(line) for line in result.stdout.splitlines())
    assert (small["cases"], large["cases"]) == (30, 60)
    assert set(large["tabs"]) == {"mine", "team", "unassigned"}
    assert all(tab["p95_ms"] > 0 and tab["rows"] <= 25 for tab in large["tabs"].values())


def test_the_case_page_benchmark_runs_and_reports_read_and_page_times():
    result = subprocess.run([sys.executable, "bench/case_page.py", "--events", "10",
                             "--repeat", "2"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.splitlines()[0])
    assert figures["events"] == 10 and figures["read_p50_ms"] > 0 and figures["page_p50_ms"] > 0
