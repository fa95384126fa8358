#!/usr/bin/env Rscript
# Writes some of R's bundled classic series as time,value CSVs into the directory given (generated at run time:
# R's datasets are not committed here).
# Usage: Rscript export_datasets.R DIR
args <- commandArgs(trailingOnly = TRUE)
for (name in c("nottem", "UKgas", "co2", "ldeaths", "JohnsonJohnson")) {
  series <- get(name, envir = asNamespace("datasets"))
  write.csv(data.frame(time = seq_along(series), value = as.numeric(series)),
            file.path(args[1], paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
}
