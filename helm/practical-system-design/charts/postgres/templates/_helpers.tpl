{{/* Labels of the postgres objects (psd-lib). The object name is fixed: the Service is `postgres`. */}}
{{- define "postgres.selectorLabels" -}}
{{ include "psd.selectorLabels" (dict "ctx" . "name" "postgres") }}
{{- end }}

{{- define "postgres.labels" -}}
{{ include "psd.labels" (dict "ctx" . "name" "postgres" "component" "database") }}
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
