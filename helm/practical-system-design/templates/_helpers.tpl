{{/*
Named templates shared by every component. Each hardened block (pod and container security
context, /tmp volume, probes, preStop pause) is written once, here, and included everywhere.

Object names are the component names on purpose ("one name everywhere"): the Service
`user-service` is what nginx.conf and docker compose call it. Install one release per namespace.
*/}}

{{/* The value of app.kubernetes.io/part-of on every object. */}}
{{- define "psd.partOf" -}}
practical-system-design
{{- end }}

{{/*
Selector labels: name and instance only. Never the chart or app version, which would make a
Deployment's selector immutable across upgrades.
Usage: include "psd.selectorLabels" (dict "ctx" $ "name" "user-service")
*/}}
{{- define "psd.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- end }}

{{/*
Labels of every object (and of pod templates).
Usage: include "psd.labels" (dict "ctx" $ "name" "user-service")
*/}}
{{- define "psd.labels" -}}
{{ include "psd.selectorLabels" . }}
app.kubernetes.io/part-of: {{ include "psd.partOf" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
An image reference; the tag defaults to the chart's appVersion (the Maven project version).
Usage: include "psd.image" (dict "ctx" $ "image" .Values.userService.image)
*/}}
{{- define "psd.image" -}}
{{ .image.repository }}:{{ .image.tag | default .ctx.Chart.AppVersion }}
{{- end }}

{{/*
Pod-level security context: non-root with a fixed numeric uid/gid, volumes group-owned by it,
the runtime's default seccomp profile.
Usage: include "psd.podSecurityContext" (dict "uid" 1000 "gid" 1000)
*/}}
{{- define "psd.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .gid }}
fsGroup: {{ .gid }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container-level security context: no privilege escalation, read-only root, no capabilities. */}}
{{- define "psd.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
{{- end }}

{{/* The writable /tmp that a read-only root filesystem needs (JVM, nginx temp files, pid). */}}
{{- define "psd.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end }}

{{- define "psd.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/*
Pod spec fields every pod of the chart shares: its own ServiceAccount without an API token, no
service-link environment variables (they would add e.g. REDIS_PORT=tcp://... next to the
service's own configuration), the pod security context.
Usage: include "psd.podCommon" (dict "ctx" $ "name" "gateway" "uid" 101 "gid" 101)
*/}}
{{- define "psd.podCommon" -}}
serviceAccountName: {{ .name }}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with .ctx.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- include "psd.podSecurityContext" (dict "uid" .uid "gid" .gid) | nindent 2 }}
{{- end }}

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
Spring Boot Actuator probes on the management port (never exposed by the gateway). The startup
probe gives a cold JVM up to 5 minutes on a busy laptop before liveness takes over.
Usage: include "psd.springProbes" "management"
*/}}
{{- define "psd.springProbes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ . }}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ . }}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: {{ . }}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{/*
Prometheus scrape annotations for a service pod.
Usage: include "psd.metricsAnnotations" (dict "ctx" $ "port" 9001)
*/}}
{{- define "psd.metricsAnnotations" -}}
{{- if .ctx.Values.metrics.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /actuator/prometheus
{{- end }}
{{- end }}

{{/*
The management port on a service's Service, for a ServiceMonitor to name; only when one is made,
so that otherwise the Service offers the API port alone.
Usage: include "psd.managementServicePort" (dict "ctx" $ "port" 9001)
*/}}
{{- define "psd.managementServicePort" -}}
{{- if .ctx.Values.metrics.serviceMonitor.enabled -}}
- name: management
  port: {{ .port }}
  targetPort: management
  protocol: TCP
{{- end }}
{{- end }}

{{/*
Logs and traces of a service: the same variables as in docker compose. JSON log lines for a log
collector; trace ids are always passed on and logged, spans recorded and sent over OTLP only when
tracing.enabled (README, "Watch it work").
*/}}
{{- define "psd.observabilityEnv" -}}
- name: LOGGING_STRUCTURED_FORMAT_CONSOLE
  value: {{ .Values.logging.structuredFormat | quote }}
- name: MANAGEMENT_TRACING_EXPORT_ENABLED
  value: {{ .Values.tracing.enabled | quote }}
- name: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT
  value: {{ .Values.tracing.otlpEndpoint | quote }}
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
    {{- include "psd.containerSecurityContext" . | nindent 4 }}
  volumeMounts:
    {{- include "psd.tmpVolumeMount" . | nindent 4 }}
{{- end }}

{{/*
ServiceAccount of a component: no API token is mounted (none of the pods talks to the API server).
Usage: include "psd.serviceAccount" (dict "ctx" $ "name" "user-service" "annotations" .Values.userService.serviceAccount.annotations)
*/}}
{{- define "psd.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .name }}
  labels:
    {{- include "psd.labels" . | nindent 4 }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
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
