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
