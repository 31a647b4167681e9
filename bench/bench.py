#!/usr/bin/env python3
"""Runs the measurements of bench/README.md and writes bench/results.md.

Each import is repeated, alternating claims, sqlite3 and sqlite-utils, on
the same file; medians are reported with their ratio to the reference
(sqlite3 .import into one STRICT table indexed on (metric, date)) measured
in the same run.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")
ROOT = os.path.dirname(HERE)
CLAIMS = os.path.join(ROOT, "target", "release", "claims")
SQLITE_UTILS = os.path.join(WORK, "venv", "bin", "sqlite-utils")
COLUMNS = ["metric", "metric_kind", "metric_unit", "value", "unit", "as_of", "stated", "source", "source_kind",
           "doc_url", "doc_title", "publisher", "published", "quote", "place", "note"]


def timed(argv, stdin=None, stdout=subprocess.DEVNULL, env=None):
    """Wall seconds and peak RSS in MB of one whole process."""
    cmd = ["/usr/bin/time", "-f", "%e %M"] + argv
    started = time.perf_counter()
    proc = subprocess.run(cmd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env=env, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{proc.stderr}")
    rss_kb = int(proc.stderr.strip().splitlines()[-1].split()[1])
    return wall, rss_kb / 1024


def wall_of(argv, env):
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - started


def quick(argv, env, runs, reference=None):
    """Median wall seconds of `runs` whole processes, timed directly (the
    /usr/bin/time wrapper adds its own start-up, as much as a read takes),
    the peak RSS in MB of one more run under /usr/bin/time, and the median
    of `reference` run alternately with it (None without one)."""
    walls, refs = [], []
    for _ in range(runs):
        walls.append(wall_of(argv, env))
        if reference:
            refs.append(wall_of(reference, env))
    return median(walls), timed(argv, env=env)[1], median(refs) if refs else None


def fresh(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def reference_import(csv_path, db):
    fresh(db)
    script = os.path.join(WORK, "reference.sql")
    with open(script, "w") as f:
        cols = ", ".join(f"{c} TEXT" for c in COLUMNS)
        f.write(f"CREATE TABLE claims ({cols}) STRICT;\n")
        f.write("CREATE INDEX claims_metric_date ON claims (metric, as_of);\n")
        f.write(f"BEGIN;\n.import --csv --skip 1 {csv_path} claims\nCOMMIT;\n")
    with open(script) as stdin:
        return timed(["sqlite3", db], stdin=stdin)


def claims_import(csv_path, db):
    fresh(db)
    return timed([CLAIMS, "--db", db, "import", csv_path])


def utils_import(csv_path, db):
    fresh(db)
    return timed([SQLITE_UTILS, "insert", db, "claims", csv_path, "--csv"])


def generate(rows, path, seed=None):
    if not os.path.exists(path):
        print(f"generating {rows:,} rows...", flush=True)
        extra = [str(seed)] if seed is not None else []
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(rows), path] + extra, check=True)


def later_imports(csv_path, ledger, reference, repeats):
    """100,000 new rows into copies of the loaded ledger and of the
    reference table (its index kept up to date), alternating; the copying
    is not timed."""
    claims_db, ref_db = os.path.join(WORK, "later.db"), os.path.join(WORK, "later-reference.db")
    script = os.path.join(WORK, "later.sql")
    with open(script, "w") as f:
        f.write(f"BEGIN;\n.import --csv --skip 1 {csv_path} claims\nCOMMIT;\n")
    runs = {"claims": [], "sqlite3": []}
    for r in range(repeats):
        print(f"later imports, round {r + 1} of {repeats}", flush=True)
        fresh(claims_db)
        shutil.copyfile(ledger, claims_db)
        runs["claims"].append(timed([CLAIMS, "--db", claims_db, "import", csv_path]))
        fresh(ref_db)
        shutil.copyfile(reference, ref_db)
        with open(script) as stdin:
            runs["sqlite3"].append(timed(["sqlite3", ref_db], stdin=stdin))
    for db in (claims_db, ref_db):
        fresh(db)
    return runs


def write_section(rows, text):
    """Puts this size's section into bench/results.md, beside the other sizes'."""
    path = os.path.join(HERE, "results.md")
    sections = {}
    if os.path.exists(path):
        for part in open(path).read().split("\n## ")[1:]:
            title = part.split("\n", 1)[0]
            size = int(title.split()[0].replace(",", "")) if title[:1].isdigit() else None
            if size:
                sections[size] = "## " + part.rstrip() + "\n"
    sections[rows] = text
    with open(path, "w") as f:
        f.write("# Benchmark results\n\nWritten by `bench/run`, a section for each size; see bench/README.md.\n\n")
        f.write("\n".join(sections[size] for size in sorted(sections)))


def median(values):
    return statistics.median(values)


def busiest_metric(db):
    out = subprocess.run(["sqlite3", db, "SELECT m.key FROM claims c JOIN metrics m ON m.id = c.metric_id "
                          "GROUP BY c.metric_id ORDER BY count(*) DESC LIMIT 1"], capture_output=True, text=True)
    return out.stdout.strip()


def measure_reads(ledger, reference):
    """The read commands on the million-claim ledger, each beside the sqlite3
    shell reading the same rows of the reference table: medians of 15 runs
    (check 5), each claims run followed by its reference run."""
    metric = busiest_metric(ledger)
    env = dict(os.environ, CLAIMS_DB=ledger)
    same_rows = ["sqlite3", reference, f"SELECT * FROM claims WHERE metric = '{metric}' ORDER BY as_of"]
    by_source = ["sqlite3", reference, "SELECT source, count(*) FROM claims GROUP BY source"]
    by_metric = ["sqlite3", reference, "SELECT metric, max(as_of) FROM claims GROUP BY metric"]
    empty = os.path.join(WORK, "empty.db")
    if not os.path.exists(empty):
        subprocess.run([CLAIMS, "--db", empty, "metrics", "add", "empty", "--kind", "level", "--unit", "people"],
                       stdout=subprocess.DEVNULL, check=True)
    reads = {
        "timeline (busiest metric)": ([CLAIMS, "timeline", metric], same_rows),
        "list --metric (busiest metric)": ([CLAIMS, "list", "--metric", metric], same_rows),
        "compare (busiest metric)": ([CLAIMS, "compare", metric], same_rows),
        "change": ([CLAIMS, "change", metric, "--from", "2020", "--to", "2024"], same_rows),
        "sources": ([CLAIMS, "sources"], by_source),
        "latest": ([CLAIMS, "latest"], by_metric),
        "check": ([CLAIMS, "check", "--format", "csv"], None),
        "list on an empty ledger": ([CLAIMS, "--db", empty, "list"], None),
        "claims --version": ([CLAIMS, "--version"], ["sqlite3", "-version"]),
    }
    results = {}
    for what, (argv, ref) in reads.items():
        runs = 5 if what == "check" else 15
        results[what] = quick(argv, env, runs, ref)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-sqlite-utils", action="store_true",
                        help="leave out sqlite-utils (minutes at a million rows on a loaded machine)")
    parser.add_argument("--reads-only", action="store_true",
                        help="only the reads, on the ledger of the last run; prints, writes nothing")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    csv_path = os.path.join(WORK, f"claims-{args.rows}.csv")
    generate(args.rows, csv_path)
    small = os.path.join(WORK, "claims-100000.csv")
    generate(100_000, small)
    # the same metrics, sources and documents, other claims
    new_rows = os.path.join(WORK, "new-100000.csv")
    generate(100_000, new_rows, seed=15)

    ledger, reference, utils = (os.path.join(WORK, n) for n in ("ledger.db", "reference.db", "utils.db"))
    if args.reads_only:
        for what, (wall, rss, ref) in measure_reads(ledger, reference).items():
            against = f", sqlite3 {ref * 1000:,.1f} ms, {wall / ref:.2f}×" if ref else ""
            print(f"{what}: {wall * 1000:,.1f} ms, {rss:,.0f} MB{against}", flush=True)
        return
    runs = {"claims": [], "sqlite3": [], "sqlite-utils": []}
    for r in range(args.repeats):
        print(f"imports, round {r + 1} of {args.repeats}", flush=True)
        runs["claims"].append(claims_import(csv_path, ledger))
        runs["sqlite3"].append(reference_import(csv_path, reference))
        if not args.no_sqlite_utils and (r == 0 or args.rows <= 200_000):
            runs["sqlite-utils"].append(utils_import(csv_path, utils))
    small_rss = claims_import(small, os.path.join(WORK, "small.db"))[1]
    later = later_imports(new_rows, ledger, reference, args.repeats)

    rows = args.rows
    ref_wall = median([w for w, _ in runs["sqlite3"]])
    table = []

    def line(what, wall, rss, ref=None, higher_is_better=False, note=""):
        ratio = ""
        if ref:
            ratio = f"{(ref / wall) if higher_is_better else (wall / ref):.2f}×"
        table.append((what, f"{wall * 1000:,.0f} ms" if wall < 1 else f"{wall:,.2f} s", f"{rss:,.0f} MB", ratio, note))

    for name in (n for n in ("claims", "sqlite3", "sqlite-utils") if runs[n]):
        walls = [w for w, _ in runs[name]]
        wall, rss = median(walls), max(m for _, m in runs[name])
        line(f"import: {name}", wall, rss, ref_wall, True, f"{rows / wall:,.0f} rows/s")
    table.append(("import: claims, 100,000 rows", "", f"{small_rss:,.0f} MB", "", "memory flat in file size"))
    later_ref = median([w for w, _ in later["sqlite3"]])
    later_wall = median([w for w, _ in later["claims"]])
    later_rss = max(m for _, m in later["claims"])
    line(f"import: claims, 100,000 new rows into {rows:,}", later_wall, later_rss, later_ref, True,
         f"{100_000 / later_wall:,.0f} rows/s")
    line(f"import: sqlite3, 100,000 new rows into {rows:,}", later_ref, max(m for _, m in later["sqlite3"]),
         later_ref, True, f"{100_000 / later_ref:,.0f} rows/s")

    reads = measure_reads(ledger, reference)
    for what, (wall, rss, ref) in reads.items():
        line(what, wall, rss, ref, False, f"sqlite3 shell, same rows: {ref * 1000:,.1f} ms" if ref else "")
    env = dict(os.environ, CLAIMS_DB=ledger)
    exports = [timed([CLAIMS, "export"], env=env) for _ in range(args.repeats)]
    dumps = [timed(["sqlite3", "-csv", reference, "SELECT * FROM claims"]) for _ in range(args.repeats)]
    dump_wall = median([w for w, _ in dumps])
    line("export --format csv", median([w for w, _ in exports]), max(m for _, m in exports), dump_wall, True,
         f"{rows / median([w for w, _ in exports]):,.0f} rows/s")
    line("sqlite3 -csv of the reference", dump_wall, max(m for _, m in dumps), None, False, f"{rows / dump_wall:,.0f} rows/s")

    size, ref_size = os.path.getsize(ledger), os.path.getsize(reference)
    table.append(("ledger size", f"{size / 1e6:,.0f} MB", "", f"{size / ref_size:.2f}×",
                  f"{size / rows:,.0f} bytes per claim (reference {ref_size / rows:,.0f})"))

    first_ratio = ref_wall / median([w for w, _ in runs["claims"]])
    first_rss = max(m for _, m in runs["claims"])
    export_ratio = dump_wall / median([w for w, _ in exports])
    peak = max(first_rss, small_rss, later_rss)
    met = lambda ok: "met" if ok else "not met"
    targets = [
        ("first import ≥ 0.8× `sqlite3 .import`", f"{met(first_ratio >= 0.8)}: {first_ratio:.2f}×"),
        (f"100,000 new rows into {rows:,} ≥ 0.5× `sqlite3 .import`",
         f"{met(later_ref / later_wall >= 0.5)}: {later_ref / later_wall:.2f}×"),
        ("import peak memory < 40 MB, flat from 100,000 rows",
         f"{met(peak < 40)}: {small_rss:,.0f} MB (100,000), {first_rss:,.0f} MB ({rows:,}), "
         f"{later_rss:,.0f} MB (later import)"),
        ("`export --format csv` ≥ 1.0× `sqlite3 -csv`", f"{met(export_ratio >= 1.0)}: {export_ratio:.2f}×"),
        ("ledger size ≤ 1.5× the reference table", f"{met(size / ref_size <= 1.5)}: {size / ref_size:.2f}×"),
    ]
    for what in ("timeline (busiest metric)", "list --metric (busiest metric)", "compare (busiest metric)",
                 "change", "sources"):
        wall, _, ref = reads[what]
        targets.append((f"`{what}` ≤ 1.5× the sqlite3 shell", f"{met(wall / ref <= 1.5)}: {wall / ref:.2f}×"))
    check_wall = reads["check"][0]
    check_goal = met(check_wall < 1) if rows >= 1_000_000 else "judged at 1,000,000 rows"
    targets.append(("`check` < 1 s on 1,000,000 claims", f"{check_goal}: {check_wall:,.2f} s"))
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
    header = (f"## {rows:,} rows\n\nMeasured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} × {cpu}, {rows:,} rows "
              f"({os.path.getsize(csv_path) / 1e6:,.0f} MB CSV), medians of {args.repeats} runs (of the "
              f"reads, 15 runs timed directly, check 5; peak memory of one more run); "
              f"ratios against the reference measured in the same run (higher is better for throughput, "
              f"lower for times).\n\n| what | wall | peak memory | ratio | note |\n|---|---|---|---|---|\n")
    body = "".join(f"| {' | '.join(row)} |\n" for row in table)
    goals = "\n| target (issue 15) | result |\n|---|---|\n" + "".join(f"| {t} | {r} |\n" for t, r in targets)
    write_section(rows, header + body + goals)
    print(header + body + goals)


if __name__ == "__main__":
    main()
