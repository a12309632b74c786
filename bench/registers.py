"""Register benchmark: 1 million đơn over the legacy tree (bench/petitions.py) on top of the
national data set (bench/generate.py). Times, on each backend in its own process:

- the cycle receive → accept → resolve → list → figures, through the register's services (each
  step recomputes the commune's figures through `apply_rows` in its transaction), as cycles/s;
- a province's deadline list (overdue at the year's end, and due that week);
- `aggregate(VN, "2023", by="tier")` before the register's data went in and after.

    python bench/registers.py                              # whole country, SQLite and PostgreSQL
    python bench/registers.py --provinces 12 --petitions 20000 --cycles 50   # quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench import generate, petitions  # noqa: E402
from bench.run import VAR, ensure_pg_database, log, median_ms  # noqa: E402

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:54329/danchu_bench_registers"


def urls(args) -> dict[str, str]:
    suffix = "" if not args.provinces else "-" + args.provinces.replace(",", "-")
    out = {}
    for name in args.backends.split(","):
        if name.strip() == "sqlite":
            out["sqlite"] = f"sqlite:///{VAR / f'danchu-bench-registers{suffix}.sqlite3'}"
        else:
            url = os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL)
            out["postgresql"] = url + (suffix.replace("-", "_") if "BENCH_PG_URL" not in os.environ else "")
    return out


def child(args) -> None:
    if args.database_url.startswith("sqlite:///"):
        Path(args.database_url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    generate.setup_django(args.database_url)
    from django.db import connection

    from danchu.analytics.engine import aggregate
    from danchu.audit.context import acting
    from danchu.registers import kinds, writing
    from danchu.registers.listing import find
    from danchu.registers.petitions import lists, services
    from danchu.registers.petitions.models import Petition
    from danchu.units.models import Tier, Unit
    from danchu.values import periods

    # The data is the reporting year 2023: the cycles run as on 30/11/2023, so a change rewrites
    # the months it touches up to then (writing.today is the one clock the registers read).
    writing.today = lambda: dt.date(2023, 11, 30)
    provinces = generate.parse_provinces(args.provinces)
    if not Petition.objects.exists():
        # the national values first; once the register's figures replaced some, the generator's
        # count no longer matches, so it runs only before them
        generate.generate(provinces, out=log)
    year = periods.parse("2023")
    country = Unit.objects.at(year.end).get(code="VN", tier=Tier.TW)
    province = Unit.objects.at(year.end).get(
        code=args.province or (provinces[0] if provinces else "12"), tier=Tier.TINH
    )
    baseline_file = (
        VAR / f"registers-baseline-{connection.vendor}{'-' + args.provinces if args.provinces else ''}.json"
    )
    if not Petition.objects.exists():
        generate.analyze()
        before = median_ms(lambda: aggregate(country, year, by="tier"), args.repeat)
        baseline_file.write_text(json.dumps({"national_ms": before}))
    before = json.loads(baseline_file.read_text())["national_ms"] if baseline_file.exists() else None
    stats = petitions.generate(provinces, total=args.petitions, out=log)
    generate.analyze()
    register = kinds.get("petitions")
    units = list(
        petitions.communes(provinces).filter(valid_to__gte=year.end)
        | petitions.communes(provinces).filter(valid_to__isnull=True)
    )
    rng = random.Random(7)
    sample = [rng.choice(units) for _ in range(args.cycles)]
    day = dt.date(2023, 11, 20)

    def cycle(unit, n):
        p = services.receive(
            unit,
            received=day,
            channel="truc_tiep",
            kind="khieu_nai",
            number=f"B{n:06d}-{time.time_ns()}",
            content="Đơn đo thời gian",
            petitioners=[services.Person("Người đo")],
        )
        services.handle(p, action="thu_ly", day=day + dt.timedelta(days=1), eligible=True, competent=True)
        services.resolve(p.case, day=day + dt.timedelta(days=10), outcome="dung")
        rows = [
            register.as_row(r, None, at=year.end)
            for r in find(register, None, unit, subtree=False).order_by("-received", "-pk")[:20]
        ]
        figures = aggregate(unit, year, elements=["DON_TIEPNHAN", "VV_DAGIAIQUYET", "TL_GIAIQUYET"])
        return rows, figures

    with acting(None, source="bench"):
        cycle(sample[0], 0)  # warm-up
        t0 = time.perf_counter()
        for n, unit in enumerate(sample[1:], start=1):
            cycle(unit, n)
        cycles_s = (len(sample) - 1) / (time.perf_counter() - t0)

    def deadline_list():
        return lists.overdue(None, province, year.end), lists.due_this_week(None, province, year.end)

    overdue, week = deadline_list()
    deadline_ms = median_ms(deadline_list, args.repeat)
    after = median_ms(lambda: aggregate(country, year, by="tier"), args.repeat)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        version = cursor.fetchone()[0]
    print(
        json.dumps(
            {
                "backend": connection.vendor,
                "version": version,
                "petitions": Petition.objects.count(),
                "communes": stats.communes,
                "generated": not stats.skipped,
                "petitions_s": round(stats.petitions_s),
                "figures_s": round(stats.figures_s),
                "register_values": stats.values,
                "cycles": len(sample) - 1,
                "cycles_per_s": round(cycles_s, 1),
                "deadline_ms": round(deadline_ms, 1),
                "overdue_rows": len(overdue),
                "week_rows": len(week),
                "national_before_ms": round(before, 1) if before else None,
                "national_after_ms": round(after, 1),
                "province": province.code,
            },
            ensure_ascii=False,
        )
    )


def parent(args) -> int:
    results = []
    for name, url in urls(args).items():
        if name == "postgresql":
            reason = ensure_pg_database(url)
            if reason:
                print(f"Bỏ qua PostgreSQL: không kết nối được {url} ({reason})")
                continue
        log(f"=== {name}: {url}")
        cmd = [
            sys.executable,
            __file__,
            "--child",
            "--database-url",
            url,
            "--repeat",
            str(args.repeat),
            "--petitions",
            str(args.petitions),
            "--cycles",
            str(args.cycles),
        ]
        if args.provinces:
            cmd += ["--provinces", args.provinces]
        if args.province:
            cmd += ["--province", args.province]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=PROJECT_DIR)
        if proc.returncode:
            print(f"Lỗi khi đo trên {name} (mã thoát {proc.returncode})")
            return proc.returncode
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    head = (
        "| CSDL | Đơn | Chu trình/s | Danh sách hạn tỉnh (ms) | Tổng hợp cả nước trước → sau (ms) | Tỷ lệ |"
    )
    print(head)
    print("|---|---|---|---|---|---|")
    for r in results:
        ratio = f"{r['national_after_ms'] / r['national_before_ms']:.2f}×" if r["national_before_ms"] else "—"
        print(
            f"| {r['backend']} {r['version']} | {r['petitions']:n} | {r['cycles_per_s']} | {r['deadline_ms']} "
            f"({r['overdue_rows']} quá hạn, {r['week_rows']} trong tuần) | {r['national_before_ms']} → "
            f"{r['national_after_ms']} | {ratio} |"
        )
        print(json.dumps(r, ensure_ascii=False), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo thời gian của sổ tiếp nhận, xử lý đơn quy mô quốc gia.")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--provinces")
    parser.add_argument("--province")
    parser.add_argument("--petitions", type=int, default=petitions.TOTAL)
    parser.add_argument("--cycles", type=int, default=201)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args)
        return 0
    try:
        os.nice(10)
    except OSError:
        pass
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())
