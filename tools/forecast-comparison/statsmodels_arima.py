#!/usr/bin/python3
"""Seasonal ARIMA chosen by a small AICc grid in statsmodels, on a time,value CSV.

Variant: statsmodels.tsa.arima.model.ARIMA (the SARIMAX state-space model, exact likelihood by Kalman filter)
fitted for every p, q in 0..2 and, with a season, P, Q in 0..1; with and without a constant when d + D <= 1 (a mean,
or a drift as trend "t"). d and D are chosen first, the way forecast::auto.arima does, but with statsmodels' tools:
D = 1 when the STL seasonal strength exceeds 0.64 (seasonal window 11 and degree 0, as forecast::mstl), then d =
first differences while statsmodels' KPSS test rejects level stationarity at 5% (lags 3*sqrt(n)/13, at most 2).
Lowest AICc wins.

Usage: python3 statsmodels_arima.py train.csv H M
Prints one JSON object: model, mean, lo95, hi95 (h points each).
"""
import csv
import itertools
import json
import sys
import warnings

import numpy as np
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.seasonal import STL
from statsmodels.tsa.stattools import kpss

SEASONAL_STRENGTH_THRESHOLD = 0.64


def seasonal_differences(y, m):
    if m < 2 or len(y) < 3 * m:
        return 0
    parts = STL(y, period=m, seasonal=11, seasonal_deg=0).fit()
    strength = max(0.0, 1 - np.var(parts.resid) / np.var(parts.seasonal + parts.resid))
    return 1 if strength > SEASONAL_STRENGTH_THRESHOLD else 0


def differences(x, max_d=2):
    d = 0
    while d < max_d and np.ptp(x) > 0:
        statistic, _, _, critical = kpss(x, regression="c", nlags=int(3 * np.sqrt(len(x)) / 13))
        if statistic <= critical["5%"]:
            break
        x = np.diff(x)
        d += 1
    return d


def name(order, seasonal, trend):
    text = "ARIMA(%d,%d,%d)" % order
    if seasonal[3] > 1 and any(seasonal[:3]):
        text += "(%d,%d,%d)[%d]" % seasonal
    if trend != "n":
        text += " with drift" if order[1] + seasonal[1] == 1 else " with non-zero mean"
    return text


def select(y, m):
    seasonal_d = seasonal_differences(y, m)
    x = y[m:] - y[:-m] if seasonal_d else y
    d = differences(x)
    seasonal_orders = itertools.product(range(2), range(2)) if m > 1 and len(y) >= 3 * m else [(0, 0)]
    trends = ["n"] if d + seasonal_d > 1 else ["n", "c" if d + seasonal_d == 0 else "t"]
    best = None
    for (p, q), (sp, sq), trend in itertools.product(itertools.product(range(3), range(3)), list(seasonal_orders), trends):
        order = (p, d, q)
        seasonal = (sp, seasonal_d, sq, m if m > 1 and (sp or seasonal_d or sq) else 0)
        try:
            fit = ARIMA(y, order=order, seasonal_order=seasonal, trend=trend).fit()
        except (ValueError, np.linalg.LinAlgError):
            continue
        if np.isfinite(fit.aicc) and (best is None or fit.aicc < best[0]):
            best = (fit.aicc, fit, name(order, seasonal, trend))
    return best


def main():
    path, h, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path) as f:
        y = np.array([float(row["value"]) for row in csv.DictReader(f)])
    warnings.simplefilter("ignore")  # convergence and KPSS p-value table warnings: the AICc decides
    _, fit, model = select(y, m)
    forecast = fit.get_forecast(h)
    interval = forecast.conf_int(alpha=0.05)
    print(json.dumps({"model": model, "mean": forecast.predicted_mean.tolist(),
                      "lo95": interval[:, 0].tolist(), "hi95": interval[:, 1].tolist()}))


if __name__ == "__main__":
    main()
