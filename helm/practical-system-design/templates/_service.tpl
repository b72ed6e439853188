{{/*
The Spring Boot service skeleton that user-service and chat-service are both made of: its
ServiceAccount, Service, Deployment (Actuator probes on the management port, graceful shutdown,
the hardened pod and container with a writable /tmp) and PodDisruptionBudget/HorizontalPodAutoscaler.
A service passes in only what is its own:
  name, values      its name and values block (image, replicaCount, resources, serviceAccount,
                    podAnnotations, podDisruptionBudget, autoscaling)
  port              the API port (named http), managementPort (Actuator, named management)
  rollOn            pod annotations whose change rolls the pods (e.g. a checksum of its Secrets)
  env               its own variables, as a YAML list; the observability ones are added here
  initContainers    a YAML list, or "" for none
Usage: include "psd.springService" (dict "ctx" $ "name" "user-service" "values" .Values.userService
  "port" 8001 "managementPort" 9001 "rollOn" (dict ...) "env" (include ...) "initContainers" "")
*/}}
{{- define "psd.springService" -}}
{{- $root := .ctx -}}
{{- $ctx := dict "ctx" $root "name" .name -}}
{{ include "psd.serviceAccount" (dict "ctx" $root "name" .name "annotations" .values.serviceAccount.annotations) }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  labels:
    {{- include "psd.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "psd.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ .port }}
      targetPort: http
      protocol: TCP
    {{- include "psd.managementServicePort" (dict "ctx" $root "port" .managementPort) | nindent 4 }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  labels:
    {{- include "psd.labels" $ctx | nindent 4 }}
spec:
  {{- if not .values.autoscaling.enabled }}
  replicas: {{ .values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 3
  selector:
    matchLabels:
      {{- include "psd.selectorLabels" $ctx | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  template:
    metadata:
      labels:
        {{- include "psd.labels" $ctx | nindent 8 }}
      annotations:
        {{- toYaml .rollOn | nindent 8 }}
        {{- with include "psd.metricsAnnotations" (dict "ctx" $root "port" .managementPort) }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- with .values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- include "psd.podCommon" (dict "ctx" $root "name" .name "uid" 1000 "gid" 1000) | nindent 6 }}
      terminationGracePeriodSeconds: {{ include "psd.terminationGracePeriodSeconds" . }}
      {{- with .initContainers | trim }}
      initContainers:
        {{- . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .name }}
          image: {{ include "psd.image" (dict "ctx" $root "image" .values.image) }}
          imagePullPolicy: {{ .values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .port }}
              protocol: TCP
            - name: management
              containerPort: {{ .managementPort }}
              protocol: TCP
          # The same variables as docker compose and the local run, and no others.
          env:
            {{- .env | trim | nindent 12 }}
            {{- include "psd.observabilityEnv" $root | nindent 12 }}
          {{- include "psd.springProbes" "management" | nindent 10 }}
          lifecycle:
            {{- include "psd.lifecycle" . | nindent 12 }}
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- include "psd.containerSecurityContext" (dict) | nindent 12 }}
          volumeMounts:
            {{- include "psd.tmpVolumeMount" . | nindent 12 }}
      volumes:
        {{- include "psd.tmpVolume" (dict) | nindent 8 }}
{{ include "psd.disruptionAndScaling" (dict "ctx" $root "name" .name "values" .values) }}
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
tracing.enabled (docs/observability.md).
*/}}
{{- define "psd.observabilityEnv" -}}
- name: LOGGING_STRUCTURED_FORMAT_CONSOLE
  value: {{ .Values.logging.structuredFormat | quote }}
- name: MANAGEMENT_TRACING_EXPORT_ENABLED
  value: {{ .Values.tracing.enabled | quote }}
- name: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT
  value: {{ .Values.tracing.otlpEndpoint | quote }}
{{- end }}

