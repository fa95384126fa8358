#!/usr/bin/env Rscript
# R's forecast::auto.arima with its defaults (stepwise, approximation as auto.arima decides) on a time,value CSV.
# Usage: Rscript auto_arima.R train.csv H M
# Prints one JSON object: model, mean, lo95, hi95 (h points each).
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
train <- read.csv(args[1])
h <- as.integer(args[2])
m <- as.integer(args[3])
fit <- auto.arima(ts(train$value, frequency = m))
fc <- forecast(fit, h = h, level = c(80, 95))
numbers <- function(x) paste0("[", paste(format(as.numeric(x), digits = 17), collapse = ","), "]")
cat(sprintf('{"model":"%s","mean":%s,"lo95":%s,"hi95":%s}\n', forecast:::arima.string(fit, padding = FALSE),
            numbers(fc$mean), numbers(fc$lower[, "95%"]), numbers(fc$upper[, "95%"])))
