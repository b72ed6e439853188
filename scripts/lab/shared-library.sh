# Lab shared-library: the design's "adding Redis to chat-service", live. chat-service runs twice
# from the same jar, with REDIS_URL set both times: as it ships (no Redis driver: nothing
# connects), and with the reactive Redis starter beside its jar and REDIS_URL naming database 1.
# No line of chat-service changes: common's auto-configuration turns REDIS_URL into a ready client.
# What it shows is Actuator's health (its redis component) and Redis's own CLIENT LIST (a client
# of chat-service on database 1, which its health check uses). chat-service has no code that
# writes a key, so the lab writes none in its name: the ReactiveRedisTemplate a feature would
# use is the bean the health check already exercises.

require redis-cli "sudo apt-get install redis-tools"

LIBS=$OUT/redis-starter
step "resolving spring-boot-starter-data-redis-reactive with the project's versions (scripts/lab/shared-library/pom.xml)"
(cd "$ROOT_DIR" && ./mvnw -B -ntp -q -f scripts/lab/shared-library/pom.xml dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$LIBS") >"$OUT/logs/resolve.log" 2>&1 \
  || die "could not resolve the Redis starter; see $OUT/logs/resolve.log"

# Health with each component named (the services' default shows the status alone).
export MANAGEMENT_ENDPOINT_HEALTH_SHOW_COMPONENTS=always
step "starting a stack of its own (its chat-service gets REDIS_URL too, as the local run gives it)"
lab_stack_up

CHAT_JAR=$(ls "$ROOT_DIR"/chat-service/target/chat-service-*.jar | grep -v -- '-plain\|-tests\|-sources' | head -n 1)
# Only what chat-service does not already have: the jars of the starter that its jar lacks.
"$JAVA_HOME/bin/jar" tf "$CHAT_JAR" | sed -n 's|^BOOT-INF/lib/||p' >"$OUT/chat-service-jars.txt"
for jar in "$LIBS"/*.jar; do
  ! grep -qxF "$(basename "$jar")" "$OUT/chat-service-jars.txt" || rm "$jar"
done
ADDED=$(ls "$LIBS" | sed 's/\.jar$//' | tr '\n' ' ')

components() { curl -fsS "http://127.0.0.1:$1/actuator/health" | jq -r '.components | keys | join(",")'; }
clients_on_db() { redis client list | tr -d '\r' | grep -c " db=$1 " || true; }

lab_record before.health_components "$(components "$CHAT_MANAGEMENT_PORT")"
lab_record before.lists_redis "$(components "$CHAT_MANAGEMENT_PORT" | tr ',' '\n' | grep -cx redis || true)"
lab_record before.clients_on_db1 "$(clients_on_db 1)"

lab_port PORT MANAGEMENT
step "starting chat-service again with the starter's jars beside it ($ADDED) and REDIS_URL=redis://127.0.0.1:$REDIS_PORT/1"
nohup setsid env SERVER_PORT="$PORT" SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT="$MANAGEMENT" \
  MANAGEMENT_SERVER_ADDRESS=127.0.0.1 REDIS_URL="redis://127.0.0.1:$REDIS_PORT/1" \
  DYNAMODB_ENDPOINT="http://127.0.0.1:$DYNAMODB_PORT" AWS_REGION=us-east-1 \
  "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xmx256m -Dloader.path="$LIBS" -cp "$CHAT_JAR" \
  org.springframework.boot.loader.launch.PropertiesLauncher >"$OUT/logs/chat-service-with-redis.log" 2>&1 </dev/null &
WITH_REDIS_PID=$!
stop_with_redis() { kill "$WITH_REDIS_PID" 2>/dev/null; wait "$WITH_REDIS_PID" 2>/dev/null; }
on_exit stop_with_redis
wait_until "chat-service with Redis (see $OUT/logs/chat-service-with-redis.log)" 90 \
  sh -c "curl -fsS http://127.0.0.1:$MANAGEMENT/actuator/health/readiness | grep -q UP"
curl -fsS -o /dev/null "http://127.0.0.1:$MANAGEMENT/actuator/health"   # its redis check runs on a connection to db 1

lab_record after.health_components "$(components "$MANAGEMENT")"
lab_record after.lists_redis "$(components "$MANAGEMENT" | tr ',' '\n' | grep -cx redis || true)"
lab_record after.redis_status "$(curl -fsS "http://127.0.0.1:$MANAGEMENT/actuator/health" | jq -r '.components.redis.status // "absent"')"
lab_record after.clients_on_db1 "$(clients_on_db 1)"
lab_record after.answers_chats "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$PORT/health")"
lab_record jars_added "$(ls "$LIBS" | wc -l)"
lab_record code_changed 0

r() { recorded "$1"; }
table shared <<EOF
chat-service	REDIS_URL	health components	lists redis	Redis clients on db 1
as it ships	redis://…/0	$(r before.health_components)	$(r before.lists_redis)	$(r before.clients_on_db1)
+ reactive Redis starter	redis://…/1	$(r after.health_components)	$(r after.lists_redis) ($(r after.redis_status))	$(r after.clients_on_db1)
EOF
echo "    jars added beside chat-service's jar: $ADDED"
echo "    Redis CLIENT LIST, database 1:"
redis client list | tr -d '\r' | grep " db=1 " | sed 's/^/      /' | cut -c1-140

if [ "$(r after.lists_redis)" = 1 ] && [ "$(r before.lists_redis)" = 0 ] && [ "$(r after.clients_on_db1)" -gt 0 ]; then
  verdict="the dependency alone gave chat-service a Redis client on database 1, listed in its health as $(r after.redis_status)"
else
  verdict="chat-service did not get a working Redis client from the dependency (health redis: $(r after.redis_status), clients on db 1: $(r after.clients_on_db1))"
fi
lab_finish "With REDIS_URL set both times, chat-service as it ships listed $(r before.lists_redis) Redis component and \
had $(r before.clients_on_db1) client on db 1; with $(r jars_added) jars beside it and no code changed, $verdict."
