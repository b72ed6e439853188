{{/*
Named templates of this chart. The hardened blocks every pod shares (pod and container security
context, /tmp volume, ServiceAccount, labels) are written once, in the library chart
charts/psd-lib, which the store subcharts use too; the Spring service skeleton is in _service.tpl.

Object names are the component names on purpose ("one name everywhere"): the Service
`user-service` is what nginx.conf and docker compose call it. Install one release per namespace
(Chart.yaml and README.md say so too).
*/}}

{{/*
Graceful shutdown: the preStop pause lets endpoints and the ingress controller stop sending new
requests before the process gets SIGTERM; the apps then drain for up to 20 s
(server.shutdown=graceful), inside the 30 s grace period.
*/}}
{{- define "psd.terminationGracePeriodSeconds" -}}
30
{{- end }}

{{- define "psd.lifecycle" -}}
preStop:
  sleep:
    seconds: 5
{{- end }}

{{/*
Egress of a service to the OTLP endpoint (tracing.otlpEndpoint), wherever it is: its port, or the
scheme's default.
*/}}
{{- define "psd.np.otlpEgress" -}}
{{- if .Values.tracing.enabled }}
{{- $url := urlParse .Values.tracing.otlpEndpoint }}
{{- $hostAndPort := splitList ":" $url.host }}
# Spans to the OTLP endpoint (tracing.otlpEndpoint).
- ports:
    - port: {{ if eq (len $hostAndPort) 2 }}{{ index $hostAndPort 1 }}{{ else if eq $url.scheme "https" }}443{{ else }}80{{ end }}
      protocol: TCP
{{- end }}
{{- end }}

{{/*
A helper container (init container or test pod): pinned image, small resources, hardened.
Usage: include "psd.helperContainer" (dict "ctx" $ "name" "wait-for-localstack" "image" .Values.curlImage "command" (list ...))
*/}}
{{- define "psd.helperContainer" -}}
- name: {{ .name }}
  image: {{ include "psd.image" (dict "ctx" .ctx "image" .image) }}
  imagePullPolicy: {{ .image.pullPolicy }}
  command:
    {{- toYaml .command | nindent 4 }}
  resources:
    {{- toYaml .ctx.Values.helperResources | nindent 4 }}
  securityContext:
    {{- include "psd.containerSecurityContext" (dict) | nindent 4 }}
  volumeMounts:
    {{- include "psd.tmpVolumeMount" . | nindent 4 }}
{{- end }}

{{/*
PodDisruptionBudget and HorizontalPodAutoscaler of a component, from its values block
(podDisruptionBudget, autoscaling).
Usage: include "psd.disruptionAndScaling" (dict "ctx" $ "name" "user-service" "values" .Values.userService)
*/}}
{{- define "psd.disruptionAndScaling" -}}
{{- if .values.podDisruptionBudget.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  labels:
    {{- include "psd.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "psd.selectorLabels" . | nindent 6 }}
{{- end }}
{{- if .values.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .name }}
  labels:
    {{- include "psd.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .name }}
  minReplicas: {{ .values.autoscaling.minReplicas }}
  maxReplicas: {{ .values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .values.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end }}

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

{{/*
The PostgreSQL password of the in-cluster database: generated once, then read back from the
Secret on every upgrade so that DATABASE_URL and the database keep agreeing. (lookup is only
asked on upgrades: on a fresh install there is nothing to find.)
*/}}
{{- define "psd.postgresPassword" -}}
{{- $secret := dict -}}
{{- if .Release.IsUpgrade -}}
{{- $secret = lookup "v1" "Secret" .Release.Namespace .Values.postgres.auth.existingSecret | default dict -}}
{{- end -}}
{{- $data := get $secret "data" | default dict -}}
{{- $key := .Values.postgres.auth.existingSecretPasswordKey -}}
{{- if hasKey $data $key -}}
{{- index $data $key | b64dec -}}
{{- else -}}
{{- randAlphaNum 32 -}}
{{- end -}}
{{- end }}

{{/* The Secret and key that hold DATABASE_URL. */}}
{{- define "psd.databaseUrlSecret" -}}
{{- if and (not .Values.postgres.enabled) .Values.externalDatabase.existingSecret -}}
{{ .Values.externalDatabase.existingSecret }}
{{- else -}}
user-service
{{- end -}}
{{- end }}

{{- define "psd.databaseUrlKey" -}}
{{- if and (not .Values.postgres.enabled) .Values.externalDatabase.existingSecret -}}
{{ .Values.externalDatabase.existingSecretKey }}
{{- else -}}
DATABASE_URL
{{- end -}}
{{- end }}

{{/* The Secret and key that hold REDIS_URL. */}}
{{- define "psd.redisUrlSecret" -}}
{{- if and (not .Values.redis.enabled) .Values.externalRedis.existingSecret -}}
{{ .Values.externalRedis.existingSecret }}
{{- else -}}
user-service
{{- end -}}
{{- end }}

{{- define "psd.redisUrlKey" -}}
{{- if and (not .Values.redis.enabled) .Values.externalRedis.existingSecret -}}
{{ .Values.externalRedis.existingSecretKey }}
{{- else -}}
REDIS_URL
{{- end -}}
{{- end }}

{{/* DYNAMODB_ENDPOINT: explicit, else LocalStack when it is installed, else empty (real AWS). */}}
{{- define "psd.dynamodbEndpoint" -}}
{{- if .Values.chatService.aws.dynamodbEndpoint -}}
{{ .Values.chatService.aws.dynamodbEndpoint }}
{{- else if .Values.localstack.enabled -}}
http://localstack:4566
{{- end -}}
{{- end }}

{{/* The Secret with AWS keys for chat-service, or nothing (default credentials chain). */}}
{{- define "psd.awsCredentialsSecret" -}}
{{- if .Values.chatService.aws.existingSecret -}}
{{ .Values.chatService.aws.existingSecret }}
{{- else if .Values.localstack.enabled -}}
chat-service
{{- end -}}
{{- end }}
