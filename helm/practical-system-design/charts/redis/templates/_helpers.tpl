{{/* Labels of the redis objects (psd-lib). The object name is fixed: the Service is `redis`. */}}
{{- define "redis.selectorLabels" -}}
{{ include "psd.selectorLabels" (dict "ctx" . "name" "redis") }}
{{- end }}

{{- define "redis.labels" -}}
{{ include "psd.labels" (dict "ctx" . "name" "redis" "component" "cache") }}
{{- end }}
