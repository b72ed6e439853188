# The verdict: each scenario as a fraction of the proxy ceiling measured in the same round, the
# lower of its two rounds; the services' ready times and resident memory, which do not scale with
# the machine's network path, against absolute targets. Writes results.md, results.csv and
# results.svg to $OUT and sets MISSED to the number of targets missed.
# Sourced by scripts/bench.sh; needs $OUT, $THREADS, $CONNECTIONS, $WARMUP, $DURATION and lib.sh.

# key | least fraction of the ceiling | most p99 as a multiple of p50 (blank: none)
TARGETS="hit 0.40 4
miss 0.12
list 0.08
create 0.14
update 0.12
chat 0.04
chats 0.04"
READY_TARGET_SECONDS=3
RSS_TARGET_MB=256

# The scenario table from $OUT/runs.txt; prints the number of targets it missed on the last line.
scenario_verdict() {
  awk -v targets="$TARGETS" -v csv="$OUT/results.csv" -v chart="$OUT/chart.dat" -v names="$1" '
    function ms(us) { return sprintf(us < 10000 ? "%.2f" : "%.0f", us / 1000) }
    function csv_cpu(c) { gsub(/ \/ /, ",", c); return c }
    BEGIN {
      n = split(targets, lines, "\n")
      for (i = 1; i <= n; i++) { split(lines[i], t, " "); least[t[1]] = t[2]; p99x[t[1]] = t[3] }
      n = split(names, lines, "\n")
      for (i = 1; i <= n; i++) { split(lines[i], t, "|"); order[i] = t[1]; name[t[1]] = t[2]; label[t[1]] = t[3] }
      count = n
    }
    { rps[$1, $2] = $4; p50[$1, $2] = $5; p99[$1, $2] = $6; errors[$2] += $7; cpu[$1, $2] = $8 " / " $9 " / " $10 }
    END {
      print "scenario,round,requests_per_second,p50_ms,p99_ms,errors,fraction_of_ceiling,target,met,cpu_us_service,cpu_us_stores,cpu_us_gateway" > csv
      print "| scenario | req/s | p50 | p99 | errors | CPU µs a request: service / stores / gateway | fraction of the ceiling | target | |"
      print "|---|---:|---:|---:|---:|---:|---:|---|---|"
      missed = 0
      for (i = 1; i <= count; i++) {
        k = order[i]
        if (k == "ceiling") {
          printf "| %s | %d / %d | %s ms | %s ms | %d | %s (upstream / – / gateway) | 1 | – | %s |\n", name[k], rps[1, k], rps[2, k],
            ms(p50[1, k]), ms(p99[1, k]), errors[k], cpu[1, k], errors[k] ? "MISSED" : "ok"
          if (errors[k]) missed++
          for (r = 1; r <= 2; r++)
            printf "\"%s\",%d,%d,%s,%s,%d,1,,%s,%s\n", name[k], r, rps[r, k], ms(p50[r, k]), ms(p99[r, k]), errors[k],
              errors[k] ? "no" : "yes", csv_cpu(cpu[r, k]) > csv
          continue
        }
        # The round whose fraction is lower is the one reported; the p99 bound holds in both.
        low = 1; worst = 0
        for (r = 1; r <= 2; r++) {
          fraction[r] = rps[r, k] / rps[r, "ceiling"]
          if (fraction[r] < fraction[low]) low = r
          if (p50[r, k] > 0 && p99[r, k] / p50[r, k] > worst) worst = p99[r, k] / p50[r, k]
        }
        met = fraction[low] >= least[k] && errors[k] == 0
        target = sprintf(">= %.2f", least[k])
        if (p99x[k] != "") {
          target = target sprintf(", p99 <= %dx p50 (worst round: %.1fx)", p99x[k], worst)
          if (worst > p99x[k]) met = 0
        }
        if (!met) missed++
        printf "| %s | %d | %s ms | %s ms | %d | %s | %.3f (rounds: %.3f, %.3f) | %s | %s |\n", name[k], rps[low, k],
          ms(p50[low, k]), ms(p99[low, k]), errors[k], cpu[low, k], fraction[low], fraction[1], fraction[2], target,
          met ? "ok" : "MISSED"
        for (r = 1; r <= 2; r++)
          printf "\"%s\",%d,%d,%s,%s,%d,%.4f,\"%s\",%s,%s\n", name[k], r, rps[r, k], ms(p50[r, k]), ms(p99[r, k]),
            errors[k], fraction[r], target, met ? "yes" : "no", csv_cpu(cpu[r, k]) > csv
        printf "\"%s\"\t%.4f\t%.2f\n", label[k], fraction[low], least[k] > chart
      }
      print missed
    }' "$OUT/runs.txt"
}

# The services' table; prints the number of targets it missed on the last line.
services_verdict() {
  local service starts worst rss met missed=0
  echo "| service | ready after process start (each start) | resident memory after the benchmark | target | |"
  echo "|---|---:|---:|---|---|"
  for service in user-service chat-service; do
    starts=$(ready_seconds "$service" | paste -sd, - | sed 's/,/ s, /g')
    worst=$(ready_seconds "$service" | sort -g | tail -n 1)
    rss=${RSS[$service]}
    met=$(awk -v s="$worst" -v r="$rss" -v ts="$READY_TARGET_SECONDS" -v tr="$RSS_TARGET_MB" \
      'BEGIN { print (s != "" && s <= ts && r <= tr) ? "ok" : "MISSED" }')
    [ "$met" = ok ] || missed=$((missed + 1))
    echo "| $service | ${starts:-?} s | $rss MB | ready <= $READY_TARGET_SECONDS s on every start, RSS <= $RSS_TARGET_MB MB ($SERVICE_MEMORY limit) | $met |"
  done
  echo "$missed"
}

draw_chart() {
  gnuplot <<GNUPLOT 2>"$OUT/gnuplot.log" || log "gnuplot could not draw the chart; see $OUT/gnuplot.log"
set terminal svg size 800,380 dynamic noenhanced font "sans,11" background rgb "white"
set output "$OUT/results.svg"
set datafile separator "\t"
set title "Each scenario as a fraction of the proxy ceiling (log scale; the lower of two rounds; x = target)"
set logscale y
set yrange [0.005:1]
set style fill solid 0.8 border -1
set boxwidth 0.6
set grid ytics
set xtics scale 0
set key top right
plot "$OUT/chart.dat" using 0:2:xticlabels(1) with boxes lc rgb "#3b7dd8" title "measured", \
     "" using 0:3 with points pt 2 ps 1.5 lw 2 lc rgb "#d83b3b" title "target", \
     "" using 0:2:(sprintf("%.3f", \$2)) with labels offset 0,0.7 font "sans,9" notitle
GNUPLOT
}

write_results() {
  local scenarios services header
  scenarios=$(scenario_verdict "$(scenario_list)")
  services=$(services_verdict)
  MISSED=$(($(tail -n 1 <<<"$scenarios") + $(tail -n 1 <<<"$services")))
  header="wrk -t$THREADS -c$CONNECTIONS -d$DURATION, two rounds after a warm-up, through nginx on $(uname -m) \
with $(nproc) CPUs, $(date -u +%Y-%m-%d). Each round measures the proxy ceiling (this project's gateway \
config in front of a trivial upstream) first; a scenario's fraction is its req/s over that round's \
ceiling, and the lower of its two rounds is reported with that round's req/s and latencies. Errors: \
non-2xx responses + socket errors, both rounds."
  {
    echo "$header"
    echo
    sed '$d' <<<"$scenarios"
    echo
    sed '$d' <<<"$services"
  } >"$OUT/results.md"
  draw_chart
}
