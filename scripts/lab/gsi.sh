# Lab gsi: "the chats of a participant" answered by chat-service's way (a Query of the GSI
# participantId-index, then one BatchGetItem of the chats) and by a Scan with a FilterExpression,
# on chat-service's own table definitions in a DynamoDB Local of its own, as the participants
# table grows. The measuring is scripts/lab/gsi/GsiLab.java, on the AWS SDK that ships with
# DynamoDB Local; the items read are DynamoDB's own ScannedCount.

SIZES=$(short && echo "1000 5000 20000" || echo "1000 10000 100000")
LIB=$ROOT_DIR/scripts/stores/target/dynamodb-local/lib

if [ ! -d "$LIB" ]; then
  step "fetching DynamoDB Local from Maven Central (once)"
  (cd "$ROOT_DIR" && ./mvnw -B -ntp -q -f scripts/stores/pom.xml generate-resources) >"$OUT/logs/fetch.log" 2>&1 \
    || die "could not fetch DynamoDB Local; see $OUT/logs/fetch.log"
fi

lab_port DYNAMODB_PORT
step "starting a DynamoDB Local of its own on $DYNAMODB_PORT (in memory)"
nohup setsid "$JAVA_HOME/bin/java" -Xmx768m -cp "$LIB/*" com.amazonaws.services.dynamodbv2.local.main.ServerRunner \
  -inMemory -disableTelemetry -port "$DYNAMODB_PORT" >"$OUT/logs/dynamodb-local.log" 2>&1 </dev/null &
DYNAMODB_PID=$!
stop_dynamodb() { kill "$DYNAMODB_PID" 2>/dev/null; wait "$DYNAMODB_PID" 2>/dev/null; }
on_exit stop_dynamodb
wait_until "DynamoDB Local on $DYNAMODB_PORT" 60 port_open 127.0.0.1 "$DYNAMODB_PORT"

step "growing the participants table to $(echo "$SIZES" | sed 's/ /, /g') rows, answering at each size both ways (median of 5)"
"$JAVA_HOME/bin/java" -cp "$LIB/*" "$ROOT_DIR/scripts/lab/gsi/GsiLab.java" "http://127.0.0.1:$DYNAMODB_PORT" \
  "$ROOT_DIR/chat-service/src/main/resources/dynamodb" $SIZES >"$OUT/gsi.tsv" 2>"$OUT/logs/gsi-lab.log" \
  || die "the measurement failed: $(grep -m 1 -i 'error\|exception' "$OUT/logs/gsi-lab.log") (see $OUT/logs/gsi-lab.log)"

index=0
while IFS=$'\t' read -r rows gsi_items gsi_capacity gsi_ms scan_items scan_capacity scan_ms gsi_chats scan_chats seed_s; do
  [ "$rows" != rows ] || continue
  index=$((index + 1))
  for field in rows gsi_items gsi_capacity gsi_ms scan_items scan_capacity scan_ms gsi_chats scan_chats seed_s; do
    lab_record "size$index.$field" "${!field}"
  done
done <"$OUT/gsi.tsv"
lab_record sizes "$index"

{
  printf 'participant rows\tGSI: items read\tGSI: capacity\tGSI: ms\tscan: items read\tscan: capacity\tscan: ms\tchats found (GSI / scan)\n'
  awk -F'\t' 'NR > 1 { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s / %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$OUT/gsi.tsv"
} | table gsi

chart gsi.svg <<EOF
set multiplot layout 1,2 title "Chats of one participant (10 chats) as the participants table grows"
set logscale xy
set grid
set key top left
set xlabel "participant rows"
set ylabel "items read (ScannedCount + chats)"
plot "$OUT/gsi.tsv" using 1:2 skip 1 with linespoints lw 2 pt 7 lc rgb "#3b7dd8" title "GSI query + BatchGetItem", \
     "" using 1:5 skip 1 with linespoints lw 2 pt 7 lc rgb "#d83b3b" title "Scan + filter + BatchGetItem"
set ylabel "latency (ms, median of 5)"
plot "$OUT/gsi.tsv" using 1:4 skip 1 with linespoints lw 2 pt 7 lc rgb "#3b7dd8" title "GSI query + BatchGetItem", \
     "" using 1:7 skip 1 with linespoints lw 2 pt 7 lc rgb "#d83b3b" title "Scan + filter + BatchGetItem"
unset multiplot
EOF

r() { recorded "$1"; }
lab_finish "From $(r size1.rows) to $(r size$index.rows) participant rows the GSI query read \
$(r size1.gsi_items) then $(r size$index.gsi_items) items ($(r size1.gsi_ms) -> $(r size$index.gsi_ms) ms) while the \
scan read $(r size1.scan_items) then $(r size$index.scan_items) ($(r size1.scan_ms) -> $(r size$index.scan_ms) ms): \
the index reads what the answer needs, the scan reads the whole table to find $(r size$index.scan_chats) chats."
