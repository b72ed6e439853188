{{/*
nginx/nginx.conf rendered for the cluster, exactly as `envsubst '${GATEWAY_LISTEN}
${USER_SERVICE_ADDR} ${CHAT_SERVICE_ADDR}'` renders it in docker compose. files/nginx.conf is a
byte-for-byte copy of nginx/nginx.conf (a chart test checks both the copy and this rendering).
*/}}
{{- define "psd.gatewayNginxConf" -}}
{{- .Files.Get "files/nginx.conf"
    | replace "${GATEWAY_LISTEN}" "8080"
    | replace "${USER_SERVICE_ADDR}" "user-service:8001"
    | replace "${CHAT_SERVICE_ADDR}" "chat-service:8002" -}}
{{- end }}
