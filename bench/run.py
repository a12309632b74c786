"""Benchmark: `engine.aggregate(…, by="tier")` on SQLite and PostgreSQL against DuckDB.

For each backend, in its own process (Django has one default database per process):
generate the national data set if it is not there yet (bench/generate.py), time
`aggregate(province, "2023", by="tier")` and `aggregate(VN, "2023", by="tier")` (median of
--repeat runs after one warm-up), export the same rows to CSV (not timed), load them into an
in-memory DuckDB, time the same sums there, and check the engine's numbers equal DuckDB's.
Prints one table: case, backend, median ms, DuckDB ms in the same run, ratio.

    python bench/run.py                        # whole country, SQLite and PostgreSQL
    python bench/run.py --provinces 12,11      # quick: two provinces
    BENCH_PG_URL=postgres://… python bench/run.py --backends postgresql
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench import generate  # noqa: E402

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:54330/danchu_bench"
VAR = PROJECT_DIR / "var" / "bench"


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def median_ms(fn, repeat: int) -> float:
    fn()  # warm-up: caches, query plans, the database's pages
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def backend_urls(args) -> dict[str, str]:
    urls = {}
    for name in args.backends.split(","):
        name = name.strip()
        if name == "sqlite":
            suffix = "" if not args.provinces else "-" + args.provinces.replace(",", "-")
            urls[name] = f"sqlite:///{VAR / f'danchu-bench{suffix}.sqlite3'}"
        elif name in ("postgresql", "postgres", "pg"):
            url = os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL)
            if args.provinces and "BENCH_PG_URL" not in os.environ:
                url += "_" + args.provinces.replace(",", "_")
            urls["postgresql"] = url
        else:
            raise SystemExit(f"Không biết hệ quản trị '{name}' (chọn sqlite, postgresql)")
    return urls


def ensure_pg_database(url: str) -> str | None:
    """Create the benchmark database if needed; a reason when the server cannot be reached."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = urlunparse(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin, connect_timeout=3, autocommit=True) as con:
            if not con.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                con.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]
    return None


# ---------------------------------------------------------------------------------- child


def child(args) -> None:
    """Run every case on one backend; print a JSON document on stdout."""
    if args.database_url.startswith("sqlite:///"):
        Path(args.database_url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    generate.setup_django(args.database_url)
    from django.db import connection

    from bench import reference
    from danchu.analytics.engine import aggregate
    from danchu.units.models import Tier, Unit
    from danchu.values import periods

    provinces = generate.parse_provinces(args.provinces)
    stats = generate.generate(provinces, out=log)
    period = periods.parse(str(generate.YEAR))
    at = period.end
    province_code = args.province or (provinces[0] if provinces else "12")
    cases = [
        ("tỉnh", Unit.objects.at(at).get(code=province_code, tier=Tier.TINH)),
        ("cả nước", Unit.objects.at(at).get(code="VN", tier=Tier.TW)),
    ]
    export = VAR / f"export-{connection.vendor}.csv"
    t0 = time.perf_counter()
    exported = reference.export_csv(export)
    con = reference.load_duckdb(export)
    export_s = time.perf_counter() - t0
    log(f"Xuất {exported:n} dòng sang DuckDB trong {export_s:.1f} s (không tính vào thời gian đo)")
    out = {
        "backend": connection.vendor,
        "version": "",
        "rows": exported,
        "generated": not stats.skipped,
        "generate_s": round(stats.rows_seconds, 1),
        "units_s": round(stats.units_seconds, 1),
        "export_s": round(export_s, 1),
        "cases": [],
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        out["version"] = cursor.fetchone()[0]
    for label, unit in cases:
        log(f"Đo {label} ({unit.name}) trên {connection.vendor} …")
        result = aggregate(unit, period, by="tier")
        mine = reference.engine_sums(result)
        ref = reference.duckdb_sums(con, unit.path, period.start, period.end)
        diffs = reference.differences(mine, ref)
        engine_ms = median_ms(lambda unit=unit: aggregate(unit, period, by="tier"), args.repeat)
        duck_ms = median_ms(
            lambda unit=unit: reference.duckdb_sums(con, unit.path, period.start, period.end), args.repeat
        )
        out["cases"].append(
            {
                "case": f"{label} ({unit.code})",
                "engine_ms": round(engine_ms, 1),
                "duckdb_ms": round(duck_ms, 1),
                "groups": len(mine),
                "equal": not diffs,
                "differences": diffs,
            }
        )
    print(json.dumps(out, ensure_ascii=False))


# ---------------------------------------------------------------------------------- parent


def table(results: list[dict], markdown: bool) -> str:
    head = ["Trường hợp", "CSDL", "Trung vị (ms)", "DuckDB (ms)", "Tỷ lệ", "Tổng khớp"]
    lines = []
    for res in results:
        for c in res["cases"]:
            ratio = c["engine_ms"] / c["duckdb_ms"] if c["duckdb_ms"] else float("inf")
            lines.append(
                [
                    c["case"],
                    f"{res['backend']} {res['version']}",
                    f"{c['engine_ms']:.1f}",
                    f"{c['duckdb_ms']:.1f}",
                    f"{ratio:.1f}×",
                    "có" if c["equal"] else "KHÔNG",
                ]
            )
    if markdown:
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        rows += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(rows)
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    rows = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    rows.append("  ".join("-" * w for w in widths))
    rows += ["  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)) for line in lines]
    return "\n".join(rows)


def parent(args) -> int:
    results = []
    for name, url in backend_urls(args).items():
        if name == "postgresql":
            reason = ensure_pg_database(url)
            if reason:
                print(f"Bỏ qua PostgreSQL: không kết nối được {url} ({reason})")
                continue
        log(f"=== {name}: {url}")
        cmd = [sys.executable, __file__, "--child", "--database-url", url, "--repeat", str(args.repeat)]
        if args.provinces:
            cmd += ["--provinces", args.provinces]
        if args.province:
            cmd += ["--province", args.province]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=PROJECT_DIR)
        if proc.returncode:
            print(f"Lỗi khi đo trên {name} (mã thoát {proc.returncode})")
            return proc.returncode
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    if not results:
        print("Không đo được trên hệ quản trị nào.")
        return 1
    for res in results:
        print(
            f"{res['backend']} {res['version']}: {res['rows']:n} dòng số liệu"
            + (f", sinh trong {res['generate_s']} s" if res["generated"] else " (có sẵn)")
            + f"; xuất sang DuckDB {res['export_s']} s"
        )
    print(table(results, args.markdown))
    bad = [(res["backend"], c) for res in results for c in res["cases"] if not c["equal"]]
    for backend, c in bad:
        print(f"SAI LỆCH {c['case']} trên {backend}:")
        for d in c["differences"]:
            print("   ", d)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo thời gian tổng hợp so với DuckDB.")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--provinces", help="chỉ các tỉnh này, ví dụ 12,11 (mặc định: cả nước)")
    parser.add_argument("--province", help="tỉnh đo riêng (mặc định 12, hoặc tỉnh đầu của --provinces)")
    parser.add_argument("--repeat", type=int, default=5, help="số lần đo sau một lần chạy khởi động")
    parser.add_argument("--markdown", action="store_true", help="in bảng dạng Markdown")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args)
        return 0
    try:
        os.nice(10)  # two cores shared with others: the benchmark yields
    except OSError:
        pass
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())
