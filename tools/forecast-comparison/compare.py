#!/usr/bin/python3
"""FunnelFlow's forecast command against R's forecast::auto.arima and a statsmodels AICc grid on held-out points.

For each series: the last h points are held out; the three tools fit the rest and forecast h points; the table
gives each tool's model, sMAPE, MASE (scaled by the in-sample seasonal-naive MAE) and 95% interval coverage.
Log series are fitted on log values and the forecasts and intervals exponentiated (the same for all tools).

Usage (from the repository root, after mvn -o -B -q -DskipTests package):
    /usr/bin/python3 tools/forecast-comparison/compare.py [--data ../shared/data] [--work target/forecast-comparison]
        [--jar target/funnelflow.jar]
"""
import argparse
import collections
import csv
import datetime
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
Series = collections.namedtuple("Series", "name values period horizon log")


def read_values(path):
    with open(path) as f:
        return [float(row["value"]) for row in csv.DictReader(line for line in f if not line.startswith("#"))]


def daily_totals(counts, first, last):
    days = (last - first).days + 1
    return [counts.get(first + datetime.timedelta(days=i), 0) for i in range(days)]


def retail_daily_units(data):
    """Units sold per calendar day: invoice lines with a positive quantity (returns left out), closed days as zero."""
    units = collections.Counter()
    with open(os.path.join(data, "uci-online-retail-sample", "online_retail_sample.csv")) as f:
        for row in csv.DictReader(f):
            if int(row["Quantity"]) > 0:
                units[datetime.date.fromisoformat(row["InvoiceDate"][:10])] += int(row["Quantity"])
    return daily_totals(units, min(units), max(units))


def diginetica_daily_views(data):
    """Item views per session date: the sample has no clock time (timeframe is relative to the session start)."""
    views = collections.Counter()
    with open(os.path.join(data, "diginetica-sample", "sample_train-item-views.csv")) as f:
        for row in csv.DictReader(f, delimiter=";"):
            views[datetime.date.fromisoformat(row["eventdate"])] += 1
    return daily_totals(views, min(views), max(views))


def taobao_views_per_minute(data):
    """Page views per minute; the sample spans 2 h 10 min, so hourly buckets would be three. The last, partial
    minute is left out."""
    views = collections.Counter()
    with open(os.path.join(data, "taobao-userbehavior-sample", "UserBehavior_sample.csv")) as f:
        for _, _, _, behaviour, seconds in csv.reader(f):
            if behaviour == "pv":
                views[int(seconds) // 60] += 1
    first, last = min(views), max(views)
    return [views.get(minute, 0) for minute in range(first, last)]


def series_list(root, data, work):
    air = read_values(os.path.join(root, "src", "test", "resources", "demand", "air-passengers.csv"))
    subprocess.run(["Rscript", os.path.join(HERE, "export_datasets.R"), work], check=True)
    r = {name: read_values(os.path.join(work, name + ".csv"))
         for name in ("nottem", "UKgas", "co2", "ldeaths", "JohnsonJohnson")}
    return [
        Series("AirPassengers, raw", air, 12, 12, False),
        Series("AirPassengers, log", air, 12, 12, True),
        Series("UCI Online Retail sample, daily units", retail_daily_units(data), 7, 14, False),
        Series("Diginetica sample, daily views", diginetica_daily_views(data), 7, 14, False),
        Series("Taobao sample, page views per minute", taobao_views_per_minute(data), 1, 10, False),
        Series("R nottem (monthly temperature)", r["nottem"], 12, 24, False),
        Series("R UKgas (quarterly), raw", r["UKgas"], 4, 8, False),
        Series("R UKgas (quarterly), log", r["UKgas"], 4, 8, True),
        Series("R JohnsonJohnson (quarterly)", r["JohnsonJohnson"], 4, 8, False),
        Series("R co2 (monthly)", r["co2"], 12, 24, False),
        Series("R ldeaths (monthly)", r["ldeaths"], 12, 12, False),
    ]


def write_csv(path, values):
    with open(path, "w") as f:
        f.write("time,value\n")
        for t, value in enumerate(values, 1):
            f.write("%d,%r\n" % (t, value))


def run_json(command):
    # One BLAS thread: the fits are small, and the machine is shared.
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return done, json.loads(done.stdout.strip().splitlines()[-1])


def funnelflow(jar, train_csv, h, m):
    done, out = run_json(["java", "-jar", jar, "forecast",
                          "--input", train_csv, "--horizon", str(h), "--season", str(m)])
    model = done.stderr.strip().splitlines()[-1].removeprefix("forecast: ").split(" on ")[0]
    points = out["forecast"]
    return {"model": model, "mean": [p["mean"] for p in points],
            "lo95": [p["lo95"] for p in points], "hi95": [p["hi95"] for p in points]}


def r_auto_arima(train_csv, h, m):
    return run_json(["Rscript", os.path.join(HERE, "auto_arima.R"), train_csv, str(h), str(m)])[1]


def statsmodels_grid(train_csv, h, m):
    return run_json([sys.executable, os.path.join(HERE, "statsmodels_arima.py"), train_csv, str(h), str(m)])[1]


def accuracy(train, test, result, m, log):
    back = math.exp if log else (lambda v: v)
    mean = [back(v) for v in result["mean"]]
    lo, hi = [back(v) for v in result["lo95"]], [back(v) for v in result["hi95"]]
    smape = 200 * sum(abs(y - f) / (abs(y) + abs(f)) for y, f in zip(test, mean)) / len(test)
    scale = sum(abs(train[t] - train[t - m]) for t in range(m, len(train))) / (len(train) - m)
    mase = sum(abs(y - f) for y, f in zip(test, mean)) / len(test) / scale
    coverage = sum(l <= y <= u for y, l, u in zip(test, lo, hi)) / len(test)
    return smape, mase, coverage


def main():
    root = os.path.dirname(os.path.dirname(HERE))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
    parser.add_argument("--work", default=os.path.join(root, "target", "forecast-comparison"))
    parser.add_argument("--jar", default=os.path.join(root, "target", "funnelflow.jar"))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    tools = [lambda path, h, m: funnelflow(args.jar, path, h, m), r_auto_arima, statsmodels_grid]
    print("| series | n | h | m | model: FunnelFlow / R / statsmodels | sMAPE | MASE | 95% coverage |")
    print("|---|---|---|---|---|---|---|---|")
    for series in series_list(root, args.data, args.work):
        train, test = series.values[:-series.horizon], series.values[-series.horizon:]
        train_csv = os.path.join(args.work, re.sub(r"\W+", "_", series.name).strip("_") + "_train.csv")
        write_csv(train_csv, [math.log(v) for v in train] if series.log else train)
        results = [forecast(train_csv, series.horizon, series.period) for forecast in tools]
        scores = [accuracy(train, test, result, series.period, series.log) for result in results]
        print("| %s | %d | %d | %d | %s | %s | %s | %s |" % (
            series.name, len(train), series.horizon, series.period, " / ".join(r["model"] for r in results),
            " / ".join("%.1f%%" % score[0] for score in scores), " / ".join("%.3f" % score[1] for score in scores),
            " / ".join("%.2f" % score[2] for score in scores)), flush=True)


if __name__ == "__main__":
    main()
