#!/usr/bin/env python3
"""Writes a deterministic, realistic claims CSV: ~200 metrics, ~500 sources,
figures as written with qualifiers and ranges, quotes with commas and
quotes, dates over several years.

usage: generate.py ROWS OUT.csv [SEED]

With SEED, the same metrics, sources and documents, but other rows: new
claims for a ledger loaded from the file without it.
"""
import csv
import random
import sys
from datetime import date, timedelta

REGIONS = ["Kursk", "Donetsk", "Kharkiv", "Zaporizhzhia", "Kherson", "Luhansk", "Sumy", "Belgorod",
           "Dnipro", "Odesa", "Mykolaiv", "Chernihiv", "Kyiv", "Bryansk", "Crimea", "Pokrovsk",
           "Bakhmut", "Avdiivka", "Vuhledar", "Kupiansk"]
MEASURES = [("troops-killed", "period", "soldiers"), ("troops-wounded", "period", "soldiers"),
            ("civilians-killed", "cumulative", "people"), ("area-held", "level", "km²"),
            ("tanks-lost", "cumulative", "tanks"), ("drones-downed", "period", "drones"),
            ("displaced", "level", "people"), ("strikes", "period", "strikes"),
            ("shells-fired", "period", "shells"), ("power-outage-share", "level", "%")]
KINDS = ["person", "office", "agency", "outlet", "government", "military", "organisation"]
PUBLISHERS = ["Example Wire", "Daily Ledger", "The Observer Desk", "Kyiv Evening", "Field Notes",
              "Open Source Monitor", "Conflict Data Weekly", "Radio Bulletin"]


def figure(rng, base, unit):
    n = max(1, int(base * rng.uniform(0.5, 1.5)))
    fmt = "{:,}".format
    shape = rng.random()
    if shape < 0.30:
        text = fmt(n)
    elif shape < 0.50:
        text = "about " + fmt(n)
    elif shape < 0.62:
        text = "more than " + fmt(n)
    elif shape < 0.72:
        text = "up to " + fmt(n)
    elif shape < 0.80:
        text = "at least " + fmt(n)
    elif shape < 0.86:
        text = "almost " + fmt(n)
    else:
        text = fmt(n) + "\u2013" + fmt(n + max(1, n // 4))
    if unit == "%":
        return str(min(99, n % 100 + 1)) + "%", ""
    return text, unit if rng.random() < 0.5 else ""


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20241227)
    metrics = []
    for region in REGIONS:
        for measure, kind, unit in MEASURES:
            base = rng.choice([40, 120, 900, 2500, 12000, 380])
            metrics.append((f"{region.lower()}.{measure}", kind, unit, base, region))
    sources = [(f"Source {i:03d} {rng.choice(['Ministry', 'Office', 'Desk', 'Analyst', 'Spokesperson'])}",
                rng.choice(KINDS)) for i in range(500)]
    start = date(2019, 1, 1)
    documents = []
    for k in range(50000):
        day = start + timedelta(days=rng.randrange(2400))
        region = rng.choice(REGIONS)
        title = f"{region}: {rng.choice(['losses mount', 'front holds', 'new figures', 'update'])}, report {k}"
        documents.append((f"https://example.org/{day.year}/{day.month:02d}/{day.day:02d}/report-{k}", title,
                          rng.choice(PUBLISHERS), day.isoformat()))
    if len(sys.argv) > 3:
        rng.seed(int(sys.argv[3]))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["metric", "metric_kind", "metric_unit", "value", "unit", "as_of", "stated", "source", "source_kind", "doc_url",
                    "doc_title", "publisher", "published", "quote", "place", "note"])
        for i in range(rows):
            key, kind, unit, base, region = metrics[rng.randrange(len(metrics))]
            source, skind = sources[rng.randrange(len(sources))]
            day = start + timedelta(days=rng.randrange(2400))
            as_of = day.strftime("%Y-%m") if rng.random() < 0.15 else day.isoformat()
            stated = (day + timedelta(days=rng.randrange(5))).isoformat()
            value, stated_unit = figure(rng, base, unit)
            # 50,000 documents, each cited by about 20 claims
            k = rng.randrange(50000)
            doc, title, publisher, published = documents[k]
            quote = (f'"{value} {unit}," the {skind} said of {region}, adding that figures '
                     f'"remain preliminary" and could change, according to {publisher}')
            w.writerow([key, kind, unit, value, stated_unit, as_of, stated, source, skind, doc, title,
                        publisher, published, quote, f"{region} region", "" if rng.random() < 0.8 else "figure disputed"])


if __name__ == "__main__":
    main()
