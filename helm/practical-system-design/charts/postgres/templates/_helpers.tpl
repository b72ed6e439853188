{{/* Labels of the postgres objects. The object name is fixed: the Service is `postgres`. */}}
{{- define "postgres.selectorLabels" -}}
app.kubernetes.io/name: postgres
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "postgres.labels" -}}
{{ include "postgres.selectorLabels" . }}
app.kubernetes.io/component: database
app.kubernetes.io/part-of: practical-system-design
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{/* The Secret holding the password, and its key. */}}
{{- define "postgres.secretName" -}}
{{ .Values.auth.existingSecret | default "postgres" }}
{{- end }}

{{- define "postgres.secretKey" -}}
{{ ternary .Values.auth.existingSecretPasswordKey "POSTGRES_PASSWORD" (ne .Values.auth.existingSecret "") }}
{{- end }}

{{/* pg_isready over TCP: true once the real server (not initdb's socket-only one) accepts connections. */}}
{{- define "postgres.isReady" -}}
exec:
  command:
    - pg_isready
    - -q
    - -h
    - 127.0.0.1
    - -p
    - "5432"
    - -U
    - {{ .Values.auth.username | quote }}
    - -d
    - {{ .Values.auth.database | quote }}
{{- end }}
